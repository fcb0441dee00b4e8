import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE } from './auth/cookies';
import { CHROMIUM_ARGS, chromiumInstalled, chromiumPath } from './chromium';

/**
 * "Download PDF" (issue 14): the report page, printed to A4 by the server's own Chromium, when it
 * has one (Debian's `/usr/bin/chromium`, or `CHROMIUM_PATH`). Without one the page offers the
 * browser's print dialog instead (`pdfAvailable`).
 *
 * How it sees the page: as the person who asked. The report pages render in the browser (the app
 * is one prerendered shell), so the PDF cannot be made from server HTML alone; Chromium opens the
 * page at this server's own address (`ORIGIN`, which `scripts/start.js` always sets, never a
 * request's Host) with the caller's session cookie, in a fresh incognito context that is closed
 * afterwards. So it shows exactly what that person may see, through the same admission and the
 * same queries, and nothing is opened without a session. Every request the page makes to any
 * other origin is aborted, service workers are blocked, and the cookie never leaves this server.
 * The page's data requests carry `RENDER_HEADER`, so opening it to print is not audited twice.
 */

export const RENDER_HEADER = 'x-anchor-report-render';
/** Per process: a request carrying it came from this process's own renderer. */
export const RENDER_TOKEN = randomBytes(18).toString('base64url');

export const pdfAvailable = chromiumInstalled;

/** One PDF at a time per process (Chromium takes ~150 MB); two more wait; past that the answer is "busy". */
const MAX_WAITING = 2;
let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

export class RendererBusyError extends Error {}

/** The report page at `pageUrl` (on this server) as an A4 PDF, seen by the holder of `sessionToken`. */
export async function renderReportPdf(pageUrl: URL, sessionToken: string): Promise<Uint8Array> {
  if (waiting >= MAX_WAITING) throw new RendererBusyError('Several PDFs are being made. Try again in a minute.');
  waiting++;
  const turn = running.then(() => {
    waiting--;
    return render(pageUrl, sessionToken);
  });
  running = turn.catch(() => undefined);
  return turn;
}

async function render(pageUrl: URL, sessionToken: string): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      extraHTTPHeaders: { [RENDER_HEADER]: RENDER_TOKEN },
      viewport: { width: 1024, height: 1400 }
    });
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: pageUrl.origin, httpOnly: true, sameSite: 'Lax', secure: pageUrl.protocol === 'https:' }
    ]);
    await context.route('**/*', (route) => (new URL(route.request().url()).origin === pageUrl.origin ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(pageUrl.href, { waitUntil: 'load', timeout: 30_000 });
    // The report marks itself ready once its data is drawn; an error page never does.
    await page.locator('[data-report-ready]').waitFor({ timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
