// Real Chromium for the Python tests (Python's standard library has no browser driver): opens a
// URL with playwright-core and Debian's Chromium, then answers one JSON command per stdin line
// with one JSON line on stdout. Ends when stdin closes.
//   {"cmd":"text"}                                        -> {"text": body text}
//   {"cmd":"wait","text":T,"timeout":ms,"gone":false}     -> {"ok": bool, "text": body text}
//   {"cmd":"overlay"}                                     -> {"overlay": overlay text or null}
//   {"cmd":"eval","expression":E}                         -> {"value": result}
// Every answer carries "navigations": main-frame navigations after the first load.
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
// The product's own Chromium flags and executable lookup (the build runs before the Python tests).
import { CHROMIUM_ARGS, chromiumPath } from '../../dist/review/pdf-printer.js';

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  // file:// pages (the fallback preview) load a script beside them.
  args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
});
const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
let navigations = -1;
page.on('framenavigated', (frame) => {
  if (frame === page.mainFrame()) navigations += 1;
});
await page.goto(url);

const OVERLAY = "document.querySelector('sop-preview-overlay')?.shadowRoot?.textContent ?? null";
const evaluate = async (expression) => {
  try {
    return await page.evaluate(expression);
  } catch {
    return undefined; // a navigation destroyed the context; the caller polls again
  }
};
const commands = {
  text: async () => ({ text: await evaluate('document.body.innerText') }),
  overlay: async () => ({ overlay: (await evaluate(OVERLAY)) ?? null }),
  eval: async ({ expression }) => ({ value: (await evaluate(expression)) ?? null }),
  async wait({ text, timeout = 10_000, gone = false, overlay = false }) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const seen = (await evaluate(overlay ? OVERLAY : 'document.body.innerText')) ?? '';
      const ok = gone ? !seen.includes(text) : seen.includes(text);
      if (ok || Date.now() > deadline) return { ok, text: seen };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },
};

const say = (value) => process.stdout.write(`${JSON.stringify({ ...value, navigations })}\n`);
say({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  const run = commands[command.cmd];
  say(run ? await run(command) : { error: `unknown command ${command.cmd}` });
}
await browser.close();
