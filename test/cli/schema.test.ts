/**
 * `sop-preview schema` and the schema `init` writes, checked with Ajv, a JSON Schema validator we
 * did not write, the way an editor's YAML language server would use them: every bundled example
 * fits, and the documents our own validator rejects for a structural reason are rejected by Ajv
 * too, each for the same change at the same place.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse, stringify } from 'yaml';
import { runCli as runProgram } from '../../src/cli/program.js';
import { schemaText } from '../../src/cli/schema-command.js';
import { sopJsonSchema } from '../../src/sop/json-schema.js';
import { loadSopText } from '../../src/sop/load-sop.js';
import { ROOT } from './spawn-cli.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

/**
 * Runs the command line in this process, with stdout and stderr collected as the real entry
 * point writes them (a newline after each line): the same program, without waiting for a build.
 */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runProgram(['node', 'sop-preview', ...args], {
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

/**
 * Ajv over a schema: strict, so a keyword Ajv does not know fails the compile instead of passing
 * silently. JSON Schema 2020-12 as the schema declares, or draft 7 (what the YAML language server
 * implements).
 */
function compile(schema: unknown, draft: '2020-12' | '7' = '2020-12'): ValidateFunction {
  const options = { allErrors: true, strict: true };
  const ajv = draft === '7' ? new Ajv(options) : new Ajv2020(options);
  addFormats(ajv);
  // VS Code's annotation for hover text per enum value; yaml-language-server reads it too.
  ajv.addKeyword('enumDescriptions');
  return ajv.compile(schema as object);
}

/** The data an editor's YAML language server sees: YAML 1.2 core, so dates stay strings. */
async function yamlData(file: string): Promise<unknown> {
  return parse(await readFile(file, 'utf8'));
}

function explain(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify((errors ?? []).slice(0, 5), null, 1);
}

const INVALID_FIXTURES = join(ROOT, 'test', 'sop', 'fixtures', 'invalid');

/** Every `*.sop.yaml` under `dir`, relative. */
async function sopYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith('.sop.yaml') || name.endsWith('.sop.yml')).sort();
}

describe('sop-preview schema', { concurrency: 4 }, () => {
  let printed: unknown;
  let validate: ValidateFunction;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-schema-'));
    const { code, stdout, stderr } = await runCli(['schema']);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, schemaText(), 'stdout is the schema text and nothing else');
    printed = JSON.parse(stdout);
    validate = compile(printed);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints sopJsonSchema(), the schema the browser editor uses', () => {
    assert.deepEqual(printed, sopJsonSchema());
  });

  it('--out writes the same text to a file, creating its folder', async () => {
    const out = join(dir, 'nested', 'sop.schema.json');
    const { code, stdout, stderr } = await runCli(['schema', '--out', out]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^wrote .*sop\.schema\.json$/m);
    assert.equal(await readFile(out, 'utf8'), schemaText());
    // Running it again refreshes the file in place.
    await writeFile(out, '{}');
    assert.equal((await runCli(['schema', '-o', out])).code, 0);
    assert.equal(await readFile(out, 'utf8'), schemaText());
  });

  it('Ajv accepts every bundled example SOP, as our loader does', async () => {
    const examples = join(ROOT, 'examples');
    const files = await sopYamlFiles(examples);
    assert.ok(files.length >= 3, `examples found: ${files.join(', ')}`);
    for (const name of files) {
      const file = join(examples, name);
      assert.ok(validate(await yamlData(file)), `${name} does not fit the schema:\n${explain(validate.errors)}`);
      const loaded = loadSopText({ text: await readFile(file, 'utf8'), file });
      assert.ok(loaded.ok, `${name} does not load`);
    }
  });

  it('uses only keywords draft 7 has, the draft the YAML language server implements, with the same verdicts', async () => {
    const { $schema, ...rest } = printed as Record<string, unknown>;
    assert.equal($schema, 'https://json-schema.org/draft/2020-12/schema');
    // Draft 7 has no `prefixItems`, `$defs`, `unevaluatedProperties`…: strict mode refuses them.
    const draft7 = compile(rest, '7');
    const files = [
      ...(await sopYamlFiles(join(ROOT, 'examples'))).map((name) => join(ROOT, 'examples', name)),
      ...(await sopYamlFiles(INVALID_FIXTURES)).map((name) => join(INVALID_FIXTURES, name)),
    ];
    let rejected = 0;
    for (const file of files) {
      const data = await yamlData(file).catch(() => undefined);
      if (data === undefined) continue; // YAML syntax errors: nothing for a schema to judge
      const verdict = validate(data);
      if (!verdict) rejected++;
      assert.equal(draft7(data), verdict, `draft 7 and 2020-12 disagree on ${file}`);
    }
    assert.ok(rejected >= 9, `only ${rejected} rejected: the comparison must cover invalid documents`);
  });

  describe('init', () => {
    /** `init` into a folder of its own, so the cases can run at once. */
    async function initInto(name: string): Promise<string> {
      const target = join(dir, name);
      const { code, stdout, stderr } = await runCli(['init', target]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^wrote .*ph-meter-calibration\.sop\.yaml$/m);
      assert.match(stdout, /^wrote .*sop\.schema\.json /m);
      return target;
    }

    it('writes the sample with a relative modeline pointing at the schema it writes beside it', async () => {
      const target = await initInto('modeline');
      const text = await readFile(join(target, 'ph-meter-calibration.sop.yaml'), 'utf8');
      const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      assert.ok(modeline?.[1], `first line: ${text.split('\n')[0]}`);
      assert.equal(modeline[1], './sop.schema.json');
      // Resolve it the way the language server does: against the SOP's folder, offline.
      const schemaFile = join(target, modeline[1]);
      assert.equal(await readFile(schemaFile, 'utf8'), schemaText());
      const fromFile = compile(JSON.parse(await readFile(schemaFile, 'utf8')));
      assert.ok(fromFile(parse(text)), `the init sample does not fit:\n${explain(fromFile.errors)}`);
      // The modeline is a comment: the sample still loads as before.
      assert.ok(loadSopText({ text, file: 'ph-meter-calibration.sop.yaml' }).ok);
    });

    it('keeps a schema file that is not this version’s and names the command that refreshes it', async () => {
      const target = await initInto('kept');
      const schemaFile = join(target, 'sop.schema.json');
      const mine = '{"my": "schema"}\n';
      await writeFile(schemaFile, mine);
      const { code, stderr } = await runCli(['init', target]);
      assert.equal(code, 0, stderr);
      assert.equal(await readFile(schemaFile, 'utf8'), mine);
      assert.match(
        stderr,
        /sop\.schema\.json already exists and differs.*sop-preview schema --out \S*sop\.schema\.json/,
      );
      // With the current schema in place, a second init has nothing to say about it.
      await writeFile(schemaFile, schemaText());
      const again = await runCli(['init', target]);
      assert.equal(again.code, 0);
      assert.doesNotMatch(again.stderr, /sop\.schema\.json/);
      assert.match(again.stderr, /ph-meter-calibration\.sop\.yaml already exists/);
    });

    it('writes the schema beside an SOP that already exists, leaving the SOP alone', async () => {
      const target = await initInto('existing');
      const sop = join(target, 'ph-meter-calibration.sop.yaml');
      await writeFile(sop, 'mine');
      await rm(join(target, 'sop.schema.json'));
      const { code, stdout } = await runCli(['init', target]);
      assert.equal(code, 0);
      assert.equal(await readFile(sop, 'utf8'), 'mine');
      assert.equal(await readFile(join(target, 'sop.schema.json'), 'utf8'), schemaText());
      assert.doesNotMatch(stdout, /next:/, 'no hint to preview a file init did not write');
    });
  });

  describe('rejects what our validator rejects', () => {
    const base = join(ROOT, 'examples', 'lab', 'ph-meter-calibration.sop.yaml');
    type Doc = { title?: string; modules: Array<{ type: string; steps?: object[] }> };
    const procedureIndex = (doc: Doc): number => doc.modules.findIndex((module) => module.type === 'procedure');
    const cases: Array<{ what: string; change: (doc: Doc) => string; code: string }> = [
      {
        what: 'a missing title',
        change: (doc) => {
          delete doc.title;
          return '';
        },
        code: 'SOP_ERR_SCHEMA',
      },
      {
        what: 'an unknown module type',
        change: (doc) => {
          doc.modules.push({ type: 'checklist', steps: [{ text: 'One' }] });
          return `/modules/${doc.modules.length - 1}`;
        },
        code: 'SOP_ERR_UNKNOWN_MODULE',
      },
      {
        what: 'a step without text',
        change: (doc) => {
          const index = procedureIndex(doc);
          const steps = doc.modules[index]?.steps ?? [];
          steps.push({ details: 'Rinse again.' });
          return `/modules/${index}/steps/${steps.length - 1}`;
        },
        code: 'SOP_ERR_SCHEMA',
      },
      {
        what: 'a step with empty text',
        change: (doc) => {
          const index = procedureIndex(doc);
          const steps = doc.modules[index]?.steps ?? [];
          steps.push({ text: '' });
          return `/modules/${index}/steps/${steps.length - 1}`;
        },
        code: 'SOP_ERR_SCHEMA',
      },
    ];
    for (const { what, change, code } of cases) {
      it(`${what}: Ajv and loadSop both reject it`, async () => {
        const doc = (await yamlData(base)) as Doc;
        // The unchanged document passes both, so the one change is what each rejects.
        assert.ok(validate(doc), explain(validate.errors));
        const at = change(doc);
        const text = stringify(doc);
        assert.equal(validate(parse(text)), false, `Ajv accepts ${what}`);
        assert.ok(
          validate.errors?.some((error) => error.instancePath === at || error.instancePath.startsWith(`${at}/`)),
          `no Ajv error at "${at}":\n${explain(validate.errors)}`,
        );
        const loaded = loadSopText({ text, file: 'changed.sop.yaml' });
        assert.equal(loaded.ok, false, `loadSop accepts ${what}`);
        assert.ok(
          !loaded.ok && loaded.errors.some((error) => error.code === code),
          `expected ${code}, got ${!loaded.ok && loaded.errors.map((error) => error.code).join(', ')}`,
        );
      });
    }

    it('every structural invalid fixture of the SOP tests is rejected by Ajv', async () => {
      const fixtures = INVALID_FIXTURES;
      const structural: string[] = [];
      const codes = new Map<string, string>();
      for (const name of await sopYamlFiles(fixtures)) {
        const expected = JSON.parse(
          await readFile(join(fixtures, name.replace(/\.sop\.ya?ml$/, '.expected.json')), 'utf8'),
        ) as { code: string };
        // What JSON Schema cannot state (unique ids, files on disk, the Markdown structure) and
        // YAML syntax errors are left to our validator by design.
        if (['SOP_ERR_SCHEMA', 'SOP_ERR_UNKNOWN_MODULE', 'SOP_WARN_UNKNOWN_KEY'].includes(expected.code)) {
          structural.push(name);
          codes.set(name, expected.code);
        }
      }
      assert.ok(structural.length >= 9, `only ${structural.join(', ')}`);
      for (const name of structural) {
        const file = join(fixtures, name);
        assert.equal(validate(await yamlData(file)), false, `Ajv accepts ${name}`);
        // An unknown key is a warning for our loader (the document still renders), an error for Ajv.
        const loaded = loadSopText({ text: await readFile(file, 'utf8'), file });
        const reported: string[] = [...loaded.warnings, ...(loaded.ok ? [] : loaded.errors)].map((d) => d.code);
        assert.ok(reported.includes(codes.get(name) ?? ''), `loadSop reports ${reported.join(', ')} for ${name}`);
      }
    });
  });
});
