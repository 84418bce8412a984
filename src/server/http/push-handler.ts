/**
 * `PUT /__preview/content`: lets programs in any language push HTML (and `/__preview/error` an
 * error overlay). Guarded by the token in a
 * header (which a cross-site form cannot set) and by refusing what browsers send cross-site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { PushErrorCode, type PushErrorCodeValue } from '../../shared/error-codes.js';
import { DEFAULT_DOC, type PreviewErrorPayload } from '../../shared/protocol.js';
import { assertDocName } from '../content-store.js';
import { tokenMatches } from '../security/token.js';
import { sendJson } from './reply.js';

/** What the push handler needs from the server. */
export interface PushContext {
  token: string;
  bodyLimit: number;
  timeoutMs: number;
  /** Stores the HTML and returns the document's version. */
  apply(doc: string, html: string): number;
}

// Content types an HTML form can send without a CORS preflight: refusing them means a hostile
// page cannot push through a victim's browser even if it guessed the endpoint.
const FORM_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

function bearer(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

// After a refusal the rest of the body is read and thrown away, so that a client still sending
// it can read the answer instead of meeting a reset connection; past these limits the
// connection is cut, so a refused upload costs neither memory nor an open socket for long.
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 5_000;

/** The JSON body of every push answer that is not a success. */
export interface PushErrorBody {
  /** Stable code to branch on (see docs/errors.md). */
  code: PushErrorCodeValue;
  /** What went wrong, for people. */
  error: string;
}

/** Refuses the request; the connection is closed once the body is drained (or the limits hit). */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: PushErrorCodeValue,
  error: string,
): void {
  if (res.headersSent) return;
  sendJson(res, status, { code, error } satisfies PushErrorBody);
  let discarded = 0;
  const cut = (): void => {
    clearTimeout(timer);
    req.destroy();
  };
  const timer = setTimeout(cut, DISCARD_TIMEOUT_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/** What a push route accepts: its methods and what to do with the received body. */
interface PushRoute {
  /** Methods the route answers. */
  methods: readonly string[];
  /** The content type the body should have, for the 415 answer. */
  contentType: string;
  /** Handles the (UTF-8) body for `doc` and returns the JSON answer; throws a `TypeError` for bad input. */
  accept(method: string, doc: string, body: string): unknown;
}

/**
 * Runs the checks every push request passes (method, cross-site, token, content type, document
 * name, size, time) and then hands the body to `route`; a `TypeError` from it is the client's
 * mistake (400), anything else a 500. The server never goes down for one request.
 */
function receivePush(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  context: Pick<PushContext, 'token' | 'bodyLimit' | 'timeoutMs'>,
  route: PushRoute,
): void {
  const method = req.method ?? '';
  if (!route.methods.includes(method)) {
    res.setHeader('Allow', route.methods.join(', '));
    refuse(req, res, 405, PushErrorCode.Method, `use ${route.methods.join(' or ')}`);
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    refuse(req, res, 403, PushErrorCode.CrossSite, 'cross-site requests are refused');
    return;
  }
  if (!tokenMatches(bearer(req.headers.authorization), context.token)) {
    refuse(req, res, 401, PushErrorCode.Token, 'missing or wrong token: send "Authorization: Bearer <token>"');
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (FORM_TYPES.includes(type)) {
    refuse(req, res, 415, PushErrorCode.ContentType, `send the body as ${route.contentType}`);
    return;
  }
  const doc = query.get('doc') ?? DEFAULT_DOC;
  try {
    assertDocName(doc);
  } catch (error) {
    refuse(req, res, 400, PushErrorCode.DocName, (error as Error).message);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > context.bodyLimit) {
    refuse(req, res, 413, PushErrorCode.TooLarge, `body over ${context.bodyLimit} bytes`);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const timer = setTimeout(() => {
    done = true;
    refuse(req, res, 408, PushErrorCode.Timeout, `body not received within ${context.timeoutMs} ms`);
  }, context.timeoutMs);
  const finish = (): void => {
    done = true;
    clearTimeout(timer);
  };
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > context.bodyLimit) {
      finish();
      chunks.length = 0;
      refuse(req, res, 413, PushErrorCode.TooLarge, `body over ${context.bodyLimit} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    finish();
    let answer: unknown;
    try {
      answer = route.accept(method, doc, Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      // Never let one request take the process down; the caller sees what went wrong. A
      // `TypeError` is the caller's mistake (a bad error payload), anything else ours.
      const client = error instanceof TypeError;
      sendJson(res, client ? 400 : 500, {
        code: client ? PushErrorCode.Payload : PushErrorCode.Apply,
        error: error instanceof Error ? error.message : String(error),
      } satisfies PushErrorBody);
      return;
    }
    sendJson(res, 200, answer);
  });
  req.on('close', finish);
}

/** Handles one push request (`PUT` of the HTML); `query` is the parsed query string. */
export function handlePush(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  context: PushContext,
): void {
  receivePush(req, res, query, context, {
    methods: ['PUT'],
    contentType: 'text/html',
    accept: (_method, doc, html) => ({ version: context.apply(doc, html) }),
  });
}

/** Largest error payload accepted: a message and a code frame, never a document. */
export const ERROR_BODY_LIMIT = 64 * 1024;

const optionalString = z.string().max(ERROR_BODY_LIMIT).optional();
const position = z.number().int().positive().optional();

/** The JSON a program PUTs to show an error: the protocol's error payload, checked. */
const errorPayloadSchema = z.strictObject({
  code: z.string().min(1).max(200),
  message: z.string().max(ERROR_BODY_LIMIT),
  file: optionalString,
  line: position,
  column: position,
  frame: optionalString,
}) satisfies z.ZodType<PreviewErrorPayload>;

/** What the error route needs from the server. */
export interface PushErrorContext extends Omit<PushContext, 'apply'> {
  /** Shows `error` over the document (or clears it with `null`); returns the document's version. */
  setError(doc: string, error: PreviewErrorPayload | null): number;
}

/**
 * Handles `PUT /__preview/error` (a JSON {@link PreviewErrorPayload}: the overlay a render error
 * shows, over the last good render) and `DELETE` (clears it). Same guards as the content push, so
 * a program that renders elsewhere (the Python package) reports errors the way the CLI does.
 */
export function handlePushError(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  context: PushErrorContext,
): void {
  receivePush(
    req,
    res,
    query,
    { ...context, bodyLimit: Math.min(context.bodyLimit, ERROR_BODY_LIMIT) },
    {
      methods: ['PUT', 'DELETE'],
      contentType: 'application/json',
      accept: (method, doc, body) => {
        if (method === 'DELETE') return { version: context.setError(doc, null) };
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          throw new TypeError('send the error as JSON: {"code": "...", "message": "..."}');
        }
        const parsed = errorPayloadSchema.safeParse(json);
        if (!parsed.success) {
          throw new TypeError(
            `bad error payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`,
          );
        }
        const { code, message, file, line, column, frame } = parsed.data;
        const error: PreviewErrorPayload = {
          code,
          message,
          ...(file === undefined ? {} : { file }),
          ...(line === undefined ? {} : { line }),
          ...(column === undefined ? {} : { column }),
          ...(frame === undefined ? {} : { frame }),
        };
        return { version: context.setError(doc, error) };
      },
    },
  );
}
