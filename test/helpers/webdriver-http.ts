/**
 * Plain W3C WebDriver over HTTP: the few commands the WebKit adapter needs, each with a timeout,
 * because a WebKitGTK that cannot draw hangs instead of failing.
 */

/** A WebDriver error answer, with the driver's own error code and message. */
export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`WebDriver ${code}: ${message}`);
  }
}

/** Sends one command to the driver at `base` and returns its `value`. */
export async function webdriverCall<T>(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = (await response.json()) as { value: T | { error: string; message: string } };
  const value = answer.value;
  if (!response.ok) {
    const failure = value as { error?: string; message?: string } | null;
    throw new WebDriverError(failure?.error ?? String(response.status), failure?.message ?? '');
  }
  return value as T;
}

/** The key WebDriver gives an element reference in JSON (spec §12.1). */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's code points for named keys (spec §17.4.2). */
export const WEBDRIVER_KEYS = {
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Backspace: '\uE003',
  Enter: '\uE007',
  Tab: '\uE004',
} as const;
