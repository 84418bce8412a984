/**
 * The public API is a decision, not an accident: this pins every name `src/index.ts` exports
 * (values and types) and checks that the README's "Library API" section documents each one.
 * Adding or removing an export means updating the list here and the README table together.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const README = new URL('../README.md', import.meta.url);

/** Exports that exist at run time. */
const VALUES = [
  'BUILTIN_THEMES',
  'LivePreviewServer',
  'PreviewError',
  'PreviewErrorCode',
  'PreviewManager',
  'PushErrorCode',
  'SopBuildError',
  'SopDiagnosticCode',
  'SopFileSource',
  'buildReview',
  'buildStatic',
  'createRedlineRenderer',
  'formatDiagnostic',
  'loadSop',
  'loadSopText',
  'redlineRenderCallback',
  'renderFile',
  'renderSop',
];

/** Exports that are types only. */
const TYPES = [
  'BroadcastKind',
  'BuildOptions',
  'BuildReport',
  'ClientBootstrap',
  'ClientMessage',
  'ClientStats',
  'DocumentOptions',
  'DocumentStats',
  'FrameKindStats',
  'FrameStats',
  'HistogramBucket',
  'LatencySummary',
  'LivePreviewServerEvents',
  'LivePreviewServerOptions',
  'MessageCounts',
  'PatchOp',
  'PreviewErrorCodeValue',
  'PreviewErrorPayload',
  'PreviewManagerEvents',
  'PreviewManagerOptions',
  'PreviewState',
  'PushErrorCodeValue',
  'RecentUpdate',
  'RedlineRenderer',
  'RedlineRendererOptions',
  'RenderCallback',
  'RenderCallbackResult',
  'RenderFileResult',
  'RenderOutcome',
  'RenderSopOptions',
  'ReviewBuildOptions',
  'ReviewBuildReport',
  'ServerMessage',
  'ServerStats',
  'SopDiagnostic',
  'SopDiagnosticCodeValue',
  'SopDocument',
  'SopFileSourceOptions',
  'SopFormat',
  'SopLoadResult',
  'SopModule',
  'SopModuleType',
  'SopRenderResult',
  'SopStatus',
  'SopStep',
  'SopTextSource',
  'StatusEvent',
  'UpdateResult',
];

/**
 * Every name `src/index.ts` exports, types included. The file lists each name in an
 * `export { ... } from` clause (a star export is refused below), so reading the syntax is exact
 * and much cheaper than a type-checker program.
 */
async function exportedNames(): Promise<string[]> {
  const source = ts.createSourceFile(INDEX, await readFile(INDEX, 'utf8'), ts.ScriptTarget.ES2022);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    assert.ok(clause && ts.isNamedExports(clause), 'src/index.ts must name its exports (no export *)');
    for (const element of clause.elements) names.push(element.name.text);
  }
  return names.sort();
}

it('src/index.ts exports exactly the curated values', async () => {
  const api = await import('../src/index.js');
  assert.deepEqual(Object.keys(api).sort(), [...VALUES].sort());
});

it('src/index.ts exports exactly the curated values and types', async () => {
  assert.deepEqual(await exportedNames(), [...VALUES, ...TYPES].sort());
});

it('the README documents every exported name in its Library API section', async () => {
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf('## Library API');
  assert.ok(start >= 0, 'README has no "## Library API" section');
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const missing = [...VALUES, ...TYPES].filter((name) => !section.includes(`\`${name}\``));
  assert.deepEqual(missing, [], 'names the README does not document');
});
