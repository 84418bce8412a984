/**
 * A Chromium page under measurement: the DOM probe, navigation count, live WebSocket count and
 * bytes received, the last two from a CDP session, which survives the page's own reloads.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { installDomProbe } from './dom-probe.js';

/** Bytes a page received since the last {@link PreviewPage.resetBytes}. */
export interface ReceivedBytes {
  /** WebSocket frame payloads (framing overhead not included). */
  websocket: number;
  /** HTTP responses as sent on the wire (headers and body, after compression). */
  http: number;
}

/** A page with its measurement hooks. */
export interface PreviewPage {
  /** The Playwright page. */
  page: Page;
  /** Its CDP session. */
  cdp: CDPSession;
  /** Main-frame navigations since the page opened (the first load not counted). */
  navigations(): number;
  /** WebSockets whose handshake completed and which are not closed. */
  liveSockets(): number;
  /** Bytes received since the last reset. */
  bytes(): ReceivedBytes;
  /** Starts counting bytes from zero. */
  resetBytes(): void;
  /** Waits until the document has loaded and the previewer's live-reload socket is open. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** Closes the page. */
  close(): Promise<void>;
}

interface FrameEvent {
  requestId: string;
  response: { opcode: number; payloadData: string };
}

/** Opens `url` in a new page of `browser` with the DOM probe installed before the first load. */
export async function openPreviewPage(browser: Browser, url: string): Promise<PreviewPage> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await installDomProbe(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const open = new Set<string>();
  let navigations = -1;
  let websocket = 0;
  let http = 0;
  // Navigations from the same CDP session as the socket events, so their order is Chromium's own.
  await cdp.send('Page.enable');
  cdp.on('Page.frameNavigated', (event: { frame: { parentId?: string } }) => {
    if (event.frame.parentId !== undefined) return;
    navigations += 1;
    // The old document's sockets die with it, whether or not CDP reports their close.
    open.clear();
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', (event: { requestId: string }) => open.add(event.requestId));
  cdp.on('Network.webSocketClosed', (event: { requestId: string }) => open.delete(event.requestId));
  cdp.on('Network.webSocketFrameReceived', (event: FrameEvent) => {
    const { opcode, payloadData } = event.response;
    websocket += opcode === 1 ? Buffer.byteLength(payloadData, 'utf8') : Buffer.from(payloadData, 'base64').length;
  });
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    http += event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });

  const readyState = async (): Promise<string> => {
    try {
      return await page.evaluate(
        () => (globalThis as unknown as { document: { readyState: string } }).document.readyState,
      );
    } catch {
      return 'navigating';
    }
  };

  return {
    page,
    cdp,
    navigations: () => Math.max(0, navigations),
    liveSockets: () => open.size,
    bytes: () => ({ websocket, http }),
    resetBytes: () => {
      websocket = 0;
      http = 0;
    },
    async waitReady(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (open.size > 0 && (await readyState()) === 'complete') return;
        if (Date.now() > deadline) throw new Error(`page not ready after ${timeoutMs} ms (live sockets: ${open.size})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => page.close(),
  };
}

/** Scrolls to the middle of the document and returns the resulting scroll offset. */
export async function scrollToMiddle(page: Page): Promise<number> {
  return page.evaluate(() => {
    const view = globalThis as unknown as {
      document: { documentElement: { scrollHeight: number } };
      innerHeight: number;
      scrollY: number;
      scrollTo(x: number, y: number): void;
    };
    view.scrollTo(0, Math.round((view.document.documentElement.scrollHeight - view.innerHeight) / 2));
    return view.scrollY;
  });
}

/** The page's vertical scroll offset. */
export async function scrollOffset(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
}

/** What the top of the viewport shows: the first small element down its middle line, its text and its position. */
export interface ViewTop {
  /** The viewport line the element was found on. */
  y: number;
  /** Its text, whitespace collapsed, first 200 characters. */
  text: string;
  /** Its top edge in the viewport. */
  top: number;
}

/**
 * Page-side source (compiled functions would carry the compiler's helpers). Containers (more than
 * 2,000 characters of text: a section, a whole list) are passed over, as an insertion at their
 * start changes their first characters without moving anything in view.
 */
const VIEW_TOP = (at: number | null) => `(() => {
  const x = Math.round(innerWidth / 2);
  const look = (y) => {
    const element = document.elementFromPoint(x, y);
    if (!element || element === document.body || element === document.documentElement) return null;
    const text = (element.textContent || '').replace(/\\s+/g, ' ').trim();
    if (!text || text.length > 2000) return null;
    return { y, text: text.slice(0, 200), top: element.getBoundingClientRect().top };
  };
  if (${at} !== null) return look(${at});
  for (let y = 8; y < innerHeight / 2; y += 16) {
    const found = look(y);
    if (found) return found;
  }
  return null;
})()`;

/** What the top of the viewport shows now, or `null` when nothing small is there. */
export function viewTop(page: Page): Promise<ViewTop | null> {
  return page.evaluate<ViewTop | null>(VIEW_TOP(null));
}

/**
 * Whether the page still shows `before` where it was (within 2 px): what a reader sees did not
 * move. An insertion above the view keeps it by scrolling down by the inserted height, which a
 * comparison of scroll offsets would count as a jump; a reload that restores the scroll offset
 * then shows other content at the top, which it would count as kept.
 */
export async function viewKept(page: Page, before: ViewTop | null): Promise<boolean> {
  if (before === null) return (await viewTop(page)) === null;
  const after = await page.evaluate<ViewTop | null>(VIEW_TOP(before.y));
  return after !== null && after.text === before.text && Math.abs(after.top - before.top) <= 2;
}
