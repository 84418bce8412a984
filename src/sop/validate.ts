/**
 * Turns raw parsed data (from YAML or Markdown) into a {@link SopDocument}, or into diagnostics
 * that point at the source line and column of the offending node.
 *
 * @packageDocumentation
 */
import type { z } from 'zod';
import { codeFrame, diagnosticAt, type SopDiagnostic, SopDiagnosticCode, type SourcePosition } from './diagnostic.js';
import { closest, didYouMean } from './did-you-mean.js';
import type { SopDocument, SopStep } from './model.js';
import { sopSchema } from './schema/document.js';
import { knownKeys } from './schema/known-keys.js';
import { MODULE_TYPES } from './schema/modules.js';
import { setOrigin } from './source-positions.js';

/** A path into the raw data, as zod reports it. */
export type DataPath = readonly (string | number)[];

/** Maps a data path to where it is in the source; `key` asks for the key instead of the value. */
export type Locate = (path: DataPath, key?: boolean) => SourcePosition | undefined;

/** What the loaders hand to {@link validateSop}. */
export interface RawSop {
  data: unknown;
  source: string;
  file?: string;
  locate: Locate;
}

/** Result of {@link validateSop}. */
export type ValidateResult =
  | { ok: true; document: SopDocument; warnings: SopDiagnostic[] }
  | { ok: false; errors: SopDiagnostic[]; warnings: SopDiagnostic[] };

// Every key the schema knows anywhere, for "did you mean" on unknown keys.
const KNOWN_KEYS = knownKeys(sopSchema);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(data: unknown, path: DataPath): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

/** A copy of `data` without `keys` in the mapping at `path`; containers off the path are shared. */
function withoutKeys(data: unknown, path: DataPath, keys: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) {
    if (!isRecord(data)) return data;
    const copy = { ...data };
    for (const key of keys) delete copy[key];
    return copy;
  }
  if (Array.isArray(data) && typeof head === 'number') {
    const copy = [...data];
    copy[head] = withoutKeys(data[head], rest, keys);
    return copy;
  }
  if (isRecord(data) && typeof head === 'string') return { ...data, [head]: withoutKeys(data[head], rest, keys) };
  return data;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'empty text' : 'text';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping',
  number: 'a number',
  boolean: 'true or false',
};

/** `procedure.steps[3].text`: modules are named by their type when it is unique. */
export function formatPath(data: unknown, path: DataPath): string {
  let out = '';
  let start = 0;
  const modules = valueAt(data, ['modules']);
  if (path[0] === 'modules' && typeof path[1] === 'number' && Array.isArray(modules)) {
    const type = valueAt(modules, [path[1], 'type']);
    const sameType = modules.filter((m) => isRecord(m) && m.type === type).length;
    if (typeof type === 'string' && (MODULE_TYPES as readonly string[]).includes(type) && sameType === 1) {
      out = type;
      start = 2;
    }
  }
  for (const segment of path.slice(start)) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const actual = valueAt(data, issue.path as DataPath);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'undefined') return issue.message;
      if (actual === undefined) return `missing required field, expected ${EXPECTED[issue.expected] ?? issue.expected}`;
      const expected = issue.message.startsWith('expected')
        ? issue.message
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}`;
      const hint = typeof actual === 'number' && issue.expected === 'string' ? ' (put it in quotes)' : '';
      return `${expected}, got ${describe(actual)}${hint}`;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof actual === 'string' ? didYouMean(actual, options) : '';
      return `expected one of ${options.join(', ')}, got ${JSON.stringify(actual) ?? 'nothing'}${hint}`;
    }
    case 'too_small':
      if (Array.isArray(actual))
        return issue.message.startsWith('expected') ? issue.message : 'expected at least one item';
      return issue.message.startsWith('expected') ? issue.message : 'expected non-empty text';
    case 'invalid_union':
      return issue.message.startsWith('expected') ? `${issue.message}, got ${describe(actual)}` : issue.message;
    default:
      return issue.message.startsWith('expected') && actual !== undefined
        ? `${issue.message}, got ${JSON.stringify(actual)}`
        : issue.message;
  }
}

function collectStepIds(steps: unknown, path: (string | number)[], seen: Map<string, DataPath>, out: DataPath[]): void {
  if (!Array.isArray(steps)) return;
  steps.forEach((step: SopStep, index) => {
    const here = [...path, index];
    if (step.id !== undefined) {
      if (seen.has(step.id)) out.push([...here, 'id']);
      else seen.set(step.id, [...here, 'id']);
    }
    collectStepIds(step.steps, [...here, 'steps'], seen, out);
  });
}

function recordImageOrigins(steps: SopStep[] | undefined, path: DataPath, raw: RawSop): void {
  steps?.forEach((step, index) => {
    if (step.image) {
      setOrigin(step.image, () => {
        const position = raw.locate([...path, index, 'image', 'src']);
        return position && { ...position, file: raw.file, frame: codeFrame(raw.source, position) };
      });
    }
    recordImageOrigins(step.steps, [...path, index, 'steps'], raw);
  });
}

/** Validates raw data; never throws for bad input. */
export function validateSop(raw: RawSop): ValidateResult {
  const { data, source, file, locate } = raw;
  const errors: SopDiagnostic[] = [];
  const warnings: SopDiagnostic[] = [];
  const at = (
    code: SopDiagnostic['code'],
    severity: SopDiagnostic['severity'],
    path: DataPath,
    message: string,
    key = false,
  ): SopDiagnostic => {
    // A missing key has no node of its own: point at the nearest ancestor that exists.
    let position: SourcePosition | undefined;
    for (let n = path.length; n >= 0 && !position; n--) position = locate(path.slice(0, n), key && n === path.length);
    const shown = formatPath(data, path);
    return diagnosticAt(
      { code, severity, message: shown ? `${shown}: ${message}` : message, file, path: shown || undefined },
      source,
      position ?? { line: 1, column: 1 },
    );
  };

  if (!isRecord(data)) {
    errors.push(
      at(SopDiagnosticCode.Schema, 'error', [], `expected a mapping of metadata and modules, got ${describe(data)}`),
    );
    return { ok: false, errors, warnings };
  }

  const badModules = new Set<number>();
  const modules = data.modules;
  if (Array.isArray(modules)) {
    modules.forEach((module, index) => {
      if (!isRecord(module)) return;
      const type = module.type;
      if (type === undefined) {
        badModules.add(index);
        errors.push(
          at(
            SopDiagnosticCode.Schema,
            'error',
            ['modules', index],
            `missing required "type": expected one of ${MODULE_TYPES.join(', ')}`,
          ),
        );
      } else if (typeof type !== 'string' || !(MODULE_TYPES as readonly string[]).includes(type)) {
        badModules.add(index);
        const hint = typeof type === 'string' ? didYouMean(type, MODULE_TYPES) : '';
        errors.push(
          at(
            SopDiagnosticCode.UnknownModule,
            'error',
            ['modules', index, 'type'],
            `unknown module type ${JSON.stringify(type)}${hint}; expected one of ${MODULE_TYPES.join(', ')}`,
          ),
        );
      }
    });
  }

  const parsed = sopSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as DataPath;
      if (path[0] === 'modules' && typeof path[1] === 'number' && badModules.has(path[1])) continue;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const suggestion = closest(key, KNOWN_KEYS);
          const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
          warnings.push(
            at(SopDiagnosticCode.UnknownKey, 'warning', [...path, key], `unknown key "${key}" ignored${hint}`, true),
          );
        }
        continue;
      }
      errors.push(at(SopDiagnosticCode.Schema, 'error', path, issueMessage(issue, data)));
    }
  }
  if (errors.length === 0) {
    const duplicates: DataPath[] = [];
    const seen = new Map<string, DataPath>();
    (data.modules as unknown[]).forEach((module, index) => {
      if (isRecord(module) && module.type === 'procedure')
        collectStepIds(module.steps, ['modules', index, 'steps'], seen, duplicates);
    });
    for (const path of duplicates) {
      const id = valueAt(data, path) as string;
      const first = locate(seen.get(id)!);
      const where = first ? ` (first used on line ${first.line})` : '';
      errors.push(
        at(SopDiagnosticCode.DuplicateId, 'error', path, `duplicate step id "${id}"${where}; step ids must be unique`),
      );
    }
  }
  const byPosition = (a: SopDiagnostic, b: SopDiagnostic) =>
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  warnings.sort(byPosition);
  if (errors.length > 0) return { ok: false, errors: errors.sort(byPosition), warnings };
  // Only unknown keys are left: parse again without them (they were reported as warnings).
  let known: unknown = data;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') known = withoutKeys(known, issue.path as DataPath, issue.keys);
    }
  }
  const document: SopDocument = parsed.success ? parsed.data : sopSchema.parse(known);
  if (file !== undefined) document.file = file;
  document.modules.forEach((module, index) => {
    if (module.type === 'procedure') recordImageOrigins(module.steps, ['modules', index, 'steps'], raw);
  });
  return { ok: true, document, warnings };
}
