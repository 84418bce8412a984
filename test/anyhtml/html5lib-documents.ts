/**
 * Reads the html5lib tree-construction documents the suite carries (`test/fixtures/html5lib`,
 * MIT, licence beside them). Each test in a `.dat` file starts with a `#data` line; its source runs
 * up to the `#errors` line, without the newline before it. Sections after it (`#errors`,
 * `#document-fragment`, `#script-on`, `#document`, …) start with `#`; a new test's `#data` follows
 * a blank line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of the vendored `.dat` files. */
export const HTML5LIB_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'html5lib');

/** One test document of a `.dat` file. */
export interface Html5libDocument {
  /** `file.dat#n`, n counting the file's tests from 1 (fragment tests included), for messages and lists. */
  name: string;
  /** The `.dat` file it comes from. */
  file: string;
  /** The document's source. */
  data: string;
  /** Whether it is a fragment test (`#document-fragment`): parsed in a context element, not as a page. */
  fragment: boolean;
}

/** Every test of one `.dat` file's text, in order. */
export function parseDat(file: string, text: string): Html5libDocument[] {
  const lines = text.split('\n');
  const documents: Html5libDocument[] = [];
  let data: string[] | undefined;
  let section = '';
  let fragment = false;
  const finish = () => {
    if (data) documents.push({ name: `${file}#${documents.length + 1}`, file, data: data.join('\n'), fragment });
  };
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at] ?? '';
    if (line === '#data' && (section === '' || (section === 'document' && lines[at - 1] === ''))) {
      finish();
      data = [];
      section = 'data';
      fragment = false;
    } else if (section === 'data' ? line === '#errors' : line.startsWith('#')) {
      section = line.slice(1);
      if (section === 'document-fragment') fragment = true;
    } else if (section === 'data') {
      data?.push(line);
    }
  }
  finish();
  return documents;
}

/** The `.dat` files the suite carries, sorted by name. */
export const html5libFiles = (): string[] =>
  readdirSync(HTML5LIB_FIXTURES)
    .filter((name) => name.endsWith('.dat'))
    .sort();

/** The tests of the vendored file `file`. */
export const html5libDocuments = (file: string): Html5libDocument[] =>
  parseDat(file, readFileSync(join(HTML5LIB_FIXTURES, file), 'utf8'));
