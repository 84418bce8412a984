/**
 * The fast path for valid `*.sop.yaml` text: js-yaml parses 2–3× faster than the `yaml` package's
 * `parseDocument`, but keeps no node positions and has no alias-expansion cap. So it is only used
 * for text that avoids the features where the two could differ or where js-yaml is unsafe; for
 * everything else, and for any error, the caller falls back to the `yaml` path.
 *
 * @packageDocumentation
 */
import { load } from 'js-yaml';
import { YAML_CORE_SCHEMA } from './yaml-core-schema.js';

// Each pattern matches text that may use a feature the fast path must not handle. False positives
// only cost speed (they take the `yaml` path); a miss could change data or skip a safety cap.
const NEEDS_FULL_PARSER: readonly RegExp[] = [
  // Anchors, aliases (js-yaml has no alias-bomb cap) and tags, where a node can start: line start,
  // after a block or flow indicator. Mid-scalar `**bold**` does not match.
  /(?:^|[-:?,[{])[ \t]*[&*!]/m,
  // Directives: `%YAML 1.1` switches `yaml` to another schema.
  /^%/m,
  // Explicit keys can hold collections, which the two parsers turn into different key strings.
  /(?:^|[-:?,[{])[ \t]*\?(?:[ \t]|$)/m,
  // Null or empty keys: `yaml` makes them "", js-yaml "null".
  /(?:^|[-?,[{])[ \t]*(?:(?:~|null|Null|NULL)[ \t]*)?:(?:[ \t]|$|[,\]}])/m,
  // Flow collections as keys (`[a]: b`).
  /[\]}][ \t]*:(?:[ \t]|$|[,\]}])/m,
  // A null key with no value in a flow mapping (`{null}`).
  /[{,][ \t]*(?:~|null|Null|NULL)[ \t]*[,}\]]/,
  // A comment glued to a quoted scalar or flow collection: an error in `yaml`, accepted by js-yaml.
  /["'\]}]#/,
  // A tab that starts a line: `yaml` rejects it as indentation where js-yaml can accept it.
  /^\t/m,
  // `---a` is a plain scalar in `yaml`, js-yaml drops the dashes; `--- - a` is an error in `yaml`
  // only. Content on a marker line is rare, so all of it takes the `yaml` path.
  /^(?:---|\.\.\.)(?![ \t]*$|[ \t]+#)/m,
  // A byte-order mark hides the line-start patterns above, and `yaml` treats one before content
  // differently from js-yaml.
  /\uFEFF/,
  // An indented first line: js-yaml accepts later lines indented less, `yaml` reports an error.
  /^(?:[ \t]*(?:#.*)?(?:\r?\n|$)|---[ \t]*(?:#.*)?(?:\r?\n|$))*[ \t]+[^\s#]/,
  // An empty sequence item (`- # note` or `-` then a newline): js-yaml can attach the next,
  // less indented item to the inner list.
  /^[ \t]*-[ \t]*(?:#.*)?$/m,
  // A block scalar that starts with an empty line: `yaml` rejects more-indented leading empty
  // lines without an indentation indicator, js-yaml does not.
  /[|>][-+0-9]*[ \t]*(?:#.*)?\r?\n[ \t]*\r?\n/,
  // A lone carriage return is a line break to js-yaml only. U+2028, U+2029 and NEL are no line
  // breaks in YAML 1.2, but `^` and `$` above treat the first two as one, which could hide a match.
  /\r(?!\n)|[\u2028\u2029\u0085]/,
  // Keep-chomping block scalars (`|+`) disagree on trailing whitespace-only lines, and explicit
  // indentation indicators (`|2`) on the root indentation.
  /[|>](?:[-+]?[1-9]|[1-9]?\+)/,
];

// A flow collection (`[` or `{`) where a node starts.
const FLOW_START = /(?:^|[-:?,[{])[ \t]*[[{]/m;

// js-yaml accepts flow collections whose continuation lines are indented less than `yaml` requires,
// so only flow collections that close on the line they open take the fast path.
function hasMultiLineFlow(text: string): boolean {
  if (!FLOW_START.test(text)) return false;
  for (const line of text.split('\n')) {
    if (!FLOW_START.test(line)) continue;
    let depth = 0;
    for (const char of line) {
      if (char === '[' || char === '{') depth++;
      else if (char === ']' || char === '}') depth--;
    }
    if (depth !== 0) return true;
  }
  return false;
}

// A quoted scalar where a node starts. Quotes inside plain or other quoted text can match too;
// that only makes the check below stricter.
const QUOTE_START = /(?:^|[-:?,[{])[ \t]*(["'])/gm;
const LINE_INDENT = /^ *(?:- +)*/;

// Multi-line quoted scalars are common (`yaml.stringify` folds long text into them), but js-yaml
// accepts continuation lines indented less than `yaml` requires. Only those indented deeper than
// the line the scalar opens on (past any `- `) are known to read the same in both parsers.
function hasUnsafeMultiLineQuote(text: string): boolean {
  for (const match of text.matchAll(QUOTE_START)) {
    const quote = match[1];
    let index = (match.index ?? 0) + match[0].length;
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    const minIndent = (LINE_INDENT.exec(text.slice(lineStart, index))?.[0].length ?? 0) + 1;
    for (; index < text.length; index++) {
      const char = text[index];
      if (char === quote) {
        if (quote === "'" && text[index + 1] === "'") index++;
        else break;
      } else if (char === '\\' && quote === '"') {
        // An escaped line break still starts a continuation line, so only skip other characters.
        if (text[index + 1] !== '\n') index++;
      } else if (char === '\n') {
        const indent = /^ */.exec(text.slice(index + 1, index + 1 + minIndent + 1))?.[0].length ?? 0;
        const next = text[index + 1 + indent];
        const blank = next === '\n' || next === undefined || (next === '\r' && text[index + 2 + indent] === '\n');
        if (!blank && (indent < minIndent || next === '\t')) return true;
      }
    }
    if (index >= text.length) return true;
  }
  return false;
}

/** True when `text` may use a YAML feature that only the `yaml` path handles identically and safely. */
export function needsFullYamlParser(text: string): boolean {
  return (
    NEEDS_FULL_PARSER.some((pattern) => pattern.test(text)) || hasMultiLineFlow(text) || hasUnsafeMultiLineQuote(text)
  );
}

/**
 * Parses `text` with js-yaml when that is known to give the same data as the `yaml` path;
 * `undefined` means "use the `yaml` path" (unsupported feature or any syntax error).
 */
export function loadYamlFast(text: string): { data: unknown } | undefined {
  if (needsFullYamlParser(text)) return undefined;
  try {
    // An empty document is `undefined` in js-yaml and `null` in `yaml`.
    return { data: load(text, { schema: YAML_CORE_SCHEMA }) ?? null };
  } catch {
    // The `yaml` path reports the error with its exact message and position.
    return undefined;
  }
}
