/**
 * `*.sop.yaml` → raw data plus a locator that maps a data path to the line and column of its node.
 *
 * Valid text takes the js-yaml fast path and the `yaml` document with node ranges is only built
 * when a diagnostic first asks for a position; anything else takes the `yaml` path, so messages,
 * lines and columns are the same either way.
 *
 * @packageDocumentation
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { diagnosticAt, type SopDiagnostic, SopDiagnosticCode, type SourcePosition } from './diagnostic.js';
import type { DataPath, Locate } from './validate.js';
import { loadYamlFast } from './yaml-fast-path.js';

/** Parsed YAML: the data and a locator, or syntax errors. */
export type YamlParseResult = { ok: true; data: unknown; locate: Locate } | { ok: false; errors: SopDiagnostic[] };

// The parser notices an unclosed quote or bracket where the document ends; the author needs the
// place where it was opened.
const OPENERS: [RegExp, string][] = [
  [/closing "quote/, '"'],
  [/closing 'quote/, "'"],
  [/end with a \]/, '['],
  [/end with a \}/, '{'],
];

function openerOffset(text: string, message: string, offset: number): number {
  const opener = OPENERS.find(([pattern]) => pattern.test(message))?.[1];
  if (opener === undefined) return offset;
  const found = text.lastIndexOf(opener, offset - 1);
  return found >= 0 ? found : offset;
}

type ToPosition = (offset: number) => SourcePosition;

function parseWithRanges(text: string, lineOffset: number): { doc: Document.Parsed; toPosition: ToPosition } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition: ToPosition = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  return { doc, toPosition };
}

function locateIn(doc: Document.Parsed, toPosition: ToPosition): Locate {
  return (path: DataPath, key = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        if (!pair) return undefined;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    const target = (key && keyNode ? keyNode : (node ?? keyNode)) as Node | undefined;
    const range = target?.range;
    return range ? toPosition(range[0]) : undefined;
  };
}

/**
 * Parses YAML text. `lineOffset` shifts reported lines (front matter starts below line 1) and
 * `frameSource` is the whole file the frame is cut from. Takes the js-yaml fast path when it gives
 * the same data, otherwise {@link parseYamlFull}.
 */
export function parseYaml(text: string, file: string | undefined, lineOffset = 0, frameSource = text): YamlParseResult {
  const fast = loadYamlFast(text);
  if (!fast) return parseYamlFull(text, file, lineOffset, frameSource);
  let locate: Locate | undefined;
  // Positions are only needed for diagnostics, so the slow parse waits until one asks.
  const lazyLocate: Locate = (path, key) => {
    if (!locate) {
      const { doc, toPosition } = parseWithRanges(text, lineOffset);
      locate = locateIn(doc, toPosition);
    }
    return locate(path, key);
  };
  return { ok: true, data: fast.data, locate: lazyLocate };
}

/**
 * The `yaml` package path of {@link parseYaml}: exact syntax diagnostics, an alias-expansion cap
 * and an eager locator. Exported so tests can check both paths agree.
 */
export function parseYamlFull(
  text: string,
  file: string | undefined,
  lineOffset = 0,
  frameSource = text,
): YamlParseResult {
  const { doc, toPosition } = parseWithRanges(text, lineOffset);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) =>
        diagnosticAt(
          {
            code: SopDiagnosticCode.YamlSyntax,
            severity: 'error',
            // The parser's message carries its own "at line x" suffix; ours has the position already.
            message: `YAML syntax error: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`,
            file,
          },
          frameSource,
          toPosition(openerOffset(text, error.message, error.pos[0])),
        ),
      ),
    };
  }
  const locate = locateIn(doc, toPosition);
  let data: unknown;
  try {
    // Throws for an alias without its anchor, and for alias bombs past the cap.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return {
      ok: false,
      errors: [
        diagnosticAt(
          {
            code: SopDiagnosticCode.YamlSyntax,
            severity: 'error',
            message: `YAML error: ${(error as Error).message}`,
            file,
          },
          frameSource,
          toPosition(offset),
        ),
      ],
    };
  }
  return { ok: true, data, locate };
}
