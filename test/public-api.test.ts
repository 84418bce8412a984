/**
 * The public API is a decision, not an accident: this pins every name `src/index.ts` exports
 * (values and types), checks that every type a public signature names is itself exported (so a
 * user can write the type of an option or a result), and that the README's "Library API" section
 * documents each name. Adding or removing an export means updating the list here and the README
 * table together.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
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
  'BlockChange',
  'BroadcastKind',
  'BuildOptions',
  'BuildReport',
  'ChangeMark',
  'ClientBootstrap',
  'ClientMessage',
  'ClientStats',
  'DocumentOptions',
  'DocumentStats',
  'FileCopy',
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
  'RedlinePage',
  'RedlineRenderer',
  'RedlineRendererOptions',
  'RenderCallback',
  'RenderCallbackResult',
  'RenderFileResult',
  'RenderOutcome',
  'RenderSopOptions',
  'ReviewBuildOptions',
  'ReviewBuildReport',
  'SchedulerCounters',
  'SectionSummary',
  'ServerExtension',
  'ServerMessage',
  'ServerStats',
  'SopDiagnostic',
  'SopDiagnosticCodeValue',
  'SopDocument',
  'SopFileSourceOptions',
  'SopFormat',
  'SopLoadResult',
  'SopModule',
  'SopModuleOf',
  'SopModuleType',
  'SopRenderResult',
  'SopStatus',
  'SopStep',
  'SopTextSource',
  'StatusEvent',
  'ThemeChoices',
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

/**
 * Declarations a public type is computed from but that nobody writes by name: the zod schemas the
 * SOP model types are derived from (`z.output<typeof sopSchema>`). Exporting them would make the
 * schemas' own shape public API; `SopDocument`, `SopModule`, `SopStep` are the names to use.
 */
const DERIVED_FROM = ['MODULES', 'ModuleSchema', 'sopSchema', 'stepSchema'];

/**
 * Every declaration under `src/` that a public declaration names (through the parts a `.d.ts`
 * keeps: signatures, members, heritage, aliases; not bodies, initialisers or private members)
 * but `src/index.ts` does not export, as `Name (file) <- PublicName > ... > Name`. A type alias
 * that only renames another type (`type SopModuleType = ModuleType`) exports the type it names.
 */
function unexportedReachable(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(TSCONFIG, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
      assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
  });
  assert.ok(parsed, 'tsconfig.json did not parse');
  const program = ts.createProgram([INDEX], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const indexFile = program.getSourceFile(INDEX);
  const indexSymbol = indexFile && checker.getSymbolAtLocation(indexFile);
  assert.ok(indexSymbol, 'src/index.ts has no module symbol');

  const resolved = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const inSrc = (node: ts.Node): boolean => node.getSourceFile().fileName.startsWith(SRC);
  const exported = new Set<ts.Declaration>();
  const roots: [string, ts.Declaration][] = [];
  for (const symbol of checker.getExportsOfModule(indexSymbol)) {
    for (const declaration of resolved(symbol).declarations ?? []) {
      exported.add(declaration);
      roots.push([symbol.name, declaration]);
    }
  }
  for (const declaration of [...exported]) {
    const named = ts.isTypeAliasDeclaration(declaration) && ts.isTypeReferenceNode(declaration.type);
    if (!named || declaration.type.typeArguments) continue;
    const target = checker.getSymbolAtLocation(declaration.type.typeName);
    for (const renamed of (target && resolved(target).declarations) ?? []) exported.add(renamed);
  }

  const found = new Map<string, string>();
  const visited = new Set<ts.Declaration>();
  const hidden = (node: ts.Node): boolean =>
    ts.isBlock(node) ||
    (ts.isClassElement(node) &&
      ((node.name !== undefined && ts.isPrivateIdentifier(node.name)) ||
        (ts.getCombinedModifierFlags(node as ts.Declaration) &
          (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !==
          0));
  const walk = (node: ts.Node, path: string): void => {
    if (hidden(node)) return;
    let name: ts.Node | undefined = ts.isTypeReferenceNode(node)
      ? node.typeName
      : ts.isExpressionWithTypeArguments(node)
        ? node.expression
        : ts.isTypeQueryNode(node)
          ? node.exprName
          : undefined;
    // `typeof SopDiagnosticCode.Write` names a member; what must be exported is `SopDiagnosticCode`.
    while (name && (ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name))) {
      name = ts.isQualifiedName(name) ? name.left : name.expression;
    }
    const symbol = name && checker.getSymbolAtLocation(name);
    for (const declaration of (symbol && resolved(symbol).declarations) ?? []) {
      if (!inSrc(declaration) || ts.isTypeParameterDeclaration(declaration)) continue;
      const step = `${path} > ${resolved(symbol as ts.Symbol).name}`;
      if (!exported.has(declaration)) {
        const where = relative(dirname(SRC), declaration.getSourceFile().fileName);
        const key = `${resolved(symbol as ts.Symbol).name} (${where})`;
        if (!found.has(key)) found.set(key, step);
      }
      visit(declaration, step);
    }
    // Initialisers and default values do not reach a declaration file; the annotation does.
    const skip =
      ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)
        ? node.initializer
        : undefined;
    ts.forEachChild(node, (child) => (child === skip ? undefined : walk(child, path)));
  };
  const visit = (declaration: ts.Declaration, path: string): void => {
    if (visited.has(declaration) || !inSrc(declaration)) return;
    visited.add(declaration);
    walk(declaration, path);
  };
  for (const [name, declaration] of roots) visit(declaration, name);
  return [...found]
    .filter(([key]) => !DERIVED_FROM.includes(key.slice(0, key.indexOf(' '))))
    .map(([key, path]) => `${key} <- ${path}`)
    .sort();
}

it('src/index.ts exports exactly the curated values', async () => {
  const api = await import('../src/index.js');
  assert.deepEqual(Object.keys(api).sort(), [...VALUES].sort());
});

it('src/index.ts exports exactly the curated values and types', async () => {
  assert.deepEqual(await exportedNames(), [...VALUES, ...TYPES].sort());
});

it('exports every type a public declaration names (options, results, members)', () => {
  assert.deepEqual(unexportedReachable(), [], 'types the public API uses but src/index.ts does not export');
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
