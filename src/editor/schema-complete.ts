/**
 * Completion and hover for `*.sop.yaml`, driven by the JSON Schema generated from the SOP model
 * (so the editor offers exactly what the validator accepts). The YAML path at the cursor is read
 * from indentation, which also works while the document is half-typed and does not parse.
 */
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { Text } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';

/** The subset of JSON Schema the generator emits and we read. */
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
}

type Segment = { key: string } | { item: string | undefined };

const LINE = /^(\s*)(- )?(?:([\w-]+):(?:\s+(.*))?)?\s*$/;

/** Ancestors (outermost first) of the mapping that holds line `lineNo`, and its key column. */
function pathAt(doc: Text, lineNo: number): Segment[] {
  const here = LINE.exec(doc.line(lineNo).text) ?? ['', '', undefined];
  let column = (here[1]?.length ?? 0) + (here[2] ? 2 : 0);
  const path: Segment[] = [];
  let itemType: string | undefined;
  let inItem = false;
  if (here[2]) {
    // The cursor's own line starts an item.
    path.unshift({ item: here[3] === 'type' ? here[4]?.trim() || undefined : undefined });
    column = here[1]?.length ?? 0;
    inItem = true;
  }
  for (let n = lineNo - 1; n >= 1 && (column > 0 || inItem); n--) {
    const text = doc.line(n).text;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const m = LINE.exec(text);
    if (!m) continue;
    const indent = m[1]!.length;
    const keyColumn = indent + (m[2] ? 2 : 0);
    if (keyColumn === column && m[3] === 'type' && !itemType) itemType = m[4]?.trim();
    if (keyColumn === column && m[2]) {
      // The first line of the item we are in: the item ends here, its sequence's key is above.
      path.unshift({ item: itemType });
      itemType = undefined;
      inItem = true;
      column = indent;
      continue;
    }
    if (keyColumn < column || (inItem && keyColumn === column && !m[2])) {
      if (m[3] && !m[4]) {
        path.unshift({ key: m[3] });
        column = keyColumn;
        inItem = false;
        if (m[2]) {
          path.unshift({ item: undefined });
          column = indent;
          inItem = true;
        }
      } else if (keyColumn < column) break;
    }
  }
  return path;
}

/** The object schemas a value at `path` may have (several when a oneOf is not decided yet). */
function schemasAt(root: Schema, path: Segment[]): Schema[] {
  let current: Schema[] = [root];
  for (const segment of path) {
    const next: Schema[] = [];
    for (const schema of current.flatMap(variants)) {
      if ('key' in segment) {
        const child = schema.properties?.[segment.key];
        if (child) next.push(child);
      } else if (schema.items) {
        const items = variants(schema.items);
        const typed = items.filter((v) => segment.item !== undefined && v.properties?.type?.const === segment.item);
        next.push(...(typed.length > 0 ? typed : items));
      }
    }
    current = next;
  }
  return current.flatMap(variants).filter((s) => s.properties);
}

function variants(schema: Schema): Schema[] {
  const alternatives = schema.oneOf ?? schema.anyOf;
  return alternatives ? alternatives.flatMap(variants) : [schema];
}

/** Allowed literal values of `key` in `schemas` (consts and enums). */
function valuesOf(schemas: Schema[], key: string): string[] {
  const out = new Set<string>();
  for (const schema of schemas) {
    for (const v of variants(schema.properties?.[key] ?? {})) {
      if (v.const !== undefined) out.add(String(v.const));
      for (const e of v.enum ?? []) out.add(String(e));
      if (v.type === 'boolean') for (const b of ['true', 'false']) out.add(b);
    }
  }
  return [...out];
}

/** Completion of keys and values from `schema`. */
export function schemaCompletion(schema: Record<string, unknown>): CompletionSource {
  const root = schema as Schema;
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const value = /^(\s*)(- )?([\w-]+):\s+([\w-]*)$/.exec(before);
    if (value) {
      // Values are looked up in the mapping the key belongs to: every variant, since `type` decides it.
      const schemas = schemasAt(
        root,
        value[3] === 'type'
          ? pathAt(context.state.doc, line.number).map(untype)
          : pathAt(context.state.doc, line.number),
      );
      const options = valuesOf(schemas, value[3]!).map((label) => ({ label, type: 'enum' }));
      return options.length ? { from: context.pos - value[4]!.length, options, validFor: /^[\w-]*$/ } : null;
    }
    const key = /^(\s*)(- )?([\w-]*)$/.exec(before);
    if (!key || (!context.explicit && key[3] === '')) return null;
    const schemas = schemasAt(root, pathAt(context.state.doc, line.number));
    const required = new Set(schemas.flatMap((s) => s.required ?? []));
    const labels = [...new Set(schemas.flatMap((s) => Object.keys(s.properties ?? {})))];
    const options = labels.map((label) => ({
      label,
      apply: `${label}: `,
      type: 'property',
      detail: required.has(label) ? 'required' : undefined,
    }));
    return options.length ? { from: context.pos - key[3]!.length, options, validFor: /^[\w-]*$/ } : null;
  };
}

// `type` picks the variant; to offer every module type, the item it sits in must stay undecided.
const untype = (segment: Segment, index: number, all: Segment[]): Segment =>
  index === all.length - 1 && 'item' in segment ? { item: undefined } : segment;

/** Hover on a key: its type and allowed values, from the schema. */
export function schemaHover(schema: Record<string, unknown>) {
  const root = schema as Schema;
  return hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const m = /^(\s*)(- )?([\w-]+):/.exec(line.text);
    if (!m) return null;
    const from = line.from + m[1]!.length + (m[2] ? 2 : 0);
    const to = from + m[3]!.length;
    if (pos < from || pos > to) return null;
    const schemas = schemasAt(root, pathAt(view.state.doc, line.number));
    const property = schemas.map((s) => s.properties?.[m[3]!]).find(Boolean);
    if (!property) return null;
    const values = valuesOf(schemas, m[3]!);
    const kinds = [...new Set(variants(property).map((v) => v.type ?? 'value'))].join(' | ');
    const text = `${m[3]}: ${kinds}${values.length ? ` — one of ${values.join(', ')}` : ''}`;
    return {
      pos: from,
      end: to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-schema-hover';
        dom.textContent = text;
        return { dom };
      },
    };
  });
}
