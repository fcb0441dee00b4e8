import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

/** The same build with a changed service worker: to the browser, a new version of the app. */
function nextVersionOfTheApp(): string {
  // Inside the project, so the copy's server finds the project's node_modules.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  mkdirSync(join(root, '.e2e-builds'), { recursive: true });
  const dir = mkdtempSync(join(root, '.e2e-builds', 'next-'));
  cpSync(join(root, 'build'), dir, { recursive: true });
  appendFileSync(join(dir, 'client', 'sw.js'), '\n// next version\n');
  // adapter-node prefers precompressed files; they would still hold the old worker.
  rmSync(join(dir, 'client', 'sw.js.br'), { force: true });
  rmSync(join(dir, 'client', 'sw.js.gz'), { force: true });
  return dir;
}

test('S1 a new version deployed mid-form is offered, never forced; the draft and outbox survive the reload', async ({ page, context, server, network }) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await waitForServiceWorker(context, page);

  await network.goOffline();
  await capture.record({ ward: 'Armley', loves: 'Saved before the update' });
  await capture.giveConsent(); // the next resident starts on an empty form
  await capture.chooseWard('Headingley & Hyde Park');
  await page.getByLabel(LOVES).fill('Half-finished when the update came');

  const nextBuild = nextVersionOfTheApp();
  try {
    server.useBuild(nextBuild);
    // Sync is refused while back online, so the outbox still holds the saved conversation.
    await context.route('**/api/sync/push', (route) => route.fulfill({ status: 503, body: 'maintenance' }));
    await network.goOnline();

    const banner = page.getByText('Update available — a new version of the app is ready.');
    await expect(banner).toBeVisible({ timeout: 30_000 });
    // Offered, not forced: the form is as it was.
    await expect(page.getByLabel(LOVES)).toHaveValue('Half-finished when the update came');
    await expect(capture.waiting).toHaveText('1 waiting to sync');

    await page.getByRole('button', { name: 'Reload to update' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('heading', { name: 'You have an unfinished conversation' })).toBeVisible();
    await page.getByRole('button', { name: 'Continue it' }).click();
    await expect(page.getByLabel(LOVES)).toHaveValue('Half-finished when the update came');
    await expect(capture.chosenWard).toContainText('Ward: Headingley & Hyde Park');
    await expect(capture.waiting).toHaveText('1 waiting to sync');

    await context.unroute('**/api/sync/push');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(capture.waiting).toHaveText('All synced');
  } finally {
    rmSync(nextBuild, { recursive: true, force: true });
  }
});
