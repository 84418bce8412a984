/**
 * Completion and hover from the JSON Schema of the SOP model: at `- type: ` the editor offers every
 * module type; on an empty line of a module, that module's keys; hovering a key shows its values.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sopJsonSchema } from '../../src/sop/json-schema.js';
import { poll } from '../helpers/poll.js';
import { editorSuite, gotoLine, openEditor } from './editor-page.js';

const SOURCE = [
  'id: SOP-C-1',
  'title: Completion',
  'version: "1"',
  'status: draft',
  'modules:',
  '  - type: safety',
  '    ',
  '    callouts:',
  '      - level: note',
  '        text: Careful.',
  '  - type: ',
  '',
].join('\n');

interface Variant {
  properties: { type: { const: string } } & Record<string, unknown>;
}
const variants = (): Variant[] =>
  (sopJsonSchema().properties as Record<string, { items: { oneOf: Variant[] } }>).modules!.items.oneOf;

describe('sop-preview edit: completion and hover from the schema (real Chromium)', () => {
  const suite = editorSuite();

  it('offers the module types at "- type: " and the keys of the current module; hover shows values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sop-edit-complete-'));
    const path = join(dir, 'c.sop.yaml');
    await writeFile(path, SOURCE);
    const run = await openEditor(suite.browser, path);
    const offered = async (): Promise<string[]> => {
      await run.page.keyboard.press('Control+Space');
      await poll(() => run.page.locator('.cm-tooltip-autocomplete li').count(), {
        timeout: 5000,
        message: 'the completion list',
      });
      const labels = await run.page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();
      await run.page.keyboard.press('Escape');
      return labels;
    };
    try {
      await gotoLine(run.page, 11, '  - type: '.length + 1);
      const types = variants().map((v) => v.properties.type.const);
      assert.deepEqual((await offered()).sort(), [...types].sort(), 'every module type');

      await gotoLine(run.page, 7, 5);
      const safetyKeys = Object.keys(variants().find((v) => v.properties.type.const === 'safety')!.properties);
      assert.deepEqual((await offered()).sort(), [...safetyKeys].sort(), 'the keys of the safety module');

      const key = run.page.locator('.cm-line', { hasText: 'status: draft' }).first();
      await key.hover({ position: { x: 12, y: 5 } });
      const hover = await poll(
        () =>
          run.page
            .locator('.cm-schema-hover')
            .textContent()
            .catch(() => null),
        { timeout: 5000, message: 'the hover tooltip' },
      );
      assert.match(hover ?? '', /draft, in-review, approved, obsolete/);
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await rm(dir, { recursive: true, force: true });
    }
  });
});
