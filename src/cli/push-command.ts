/**
 * `sop-preview push <file|->`: sends HTML to a running `sop-preview serve --push`, the same
 * request any other language makes (the Python package in python/ does it too).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { PUSH_PATH } from '../shared/protocol.js';
import type { CliOutput } from './serve-command.js';
import { UsageError } from './usage-error.js';

/** Options of the push command. */
export interface PushFlags {
  url: string;
  token?: string;
  doc?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** PUTs the HTML and prints the new version; exit code 1 when the server refuses it. */
export async function push(input: string, flags: PushFlags, output: CliOutput): Promise<number> {
  const token = flags.token ?? process.env.SOP_PREVIEW_TOKEN;
  if (!token) throw new UsageError('push needs a token: pass --token or set SOP_PREVIEW_TOKEN');
  let target: URL;
  try {
    target = new URL(PUSH_PATH, flags.url);
  } catch {
    throw new UsageError(`--url expects an http URL, got "${flags.url}"`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new UsageError(`--url expects an http URL, got "${flags.url}"`);
  }
  if (flags.doc) target.searchParams.set('doc', flags.doc);
  let html: string;
  try {
    html = input === '-' ? await readStdin() : await readFile(input, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${(error as Error).message}`);
  }
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/html; charset=utf-8' },
      body: html,
    });
  } catch (error) {
    output.err(`error: cannot reach ${target.origin}: ${(error as Error).cause ?? (error as Error).message}`);
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    output.err(`error: ${response.status} ${response.statusText}${text ? `: ${text.trim()}` : ''}`);
    return 1;
  }
  let version: unknown;
  try {
    version = (JSON.parse(text) as { version?: unknown }).version;
  } catch {
    version = undefined;
  }
  output.out(`version ${String(version)}`);
  return 0;
}
