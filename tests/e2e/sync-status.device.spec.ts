import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { TabletPage } from './pages/tablet-page';

test('S8 the sync bar says in one line what waits, how far sending has got, when it last synced, and why it could not', async ({ page, context, server }) => {
  test.setTimeout(150_000);
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await waitForServiceWorker(context, page);
  const bar = page.getByRole('region', { name: 'Sync' });
  const line = bar.getByTestId('sync-line');
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);

  // While a large push is on its way: a progress bar.
  await context.route('**/api/sync/push', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await capture.record({ ward: 'Armley', loves: 'Sent slowly' });
  await expect(bar.getByRole('progressbar')).toBeVisible();
  await expect(line).toHaveText(/^Syncing… sending [01] of 1$/);
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  await context.unroute('**/api/sync/push');

  // No signal.
  await context.setOffline(true);
  await server.stop();
  await capture.record({ ward: 'Armley', loves: 'Recorded offline' });
  await bar.getByRole('button', { name: 'Sync now' }).click();
  // Offline is normal at an event: said plainly, not as an error.
  await expect(line).toHaveText('1 waiting to sync · offline, saved here');
  await expect(line).toHaveRole('status');
  await expect(bar.getByRole('alert')).toHaveCount(0);

  // Online, but the server is down: it says when it tries again by itself.
  await context.setOffline(false);
  await bar.getByRole('button', { name: 'Sync now' }).click();
  await expect(line).toHaveText(/^1 waiting to sync · can't reach the server, trying again in (a few seconds|about \d+ minutes?)$/, { timeout: 45_000 });
  await expect(bar.getByRole('alert')).toHaveCount(0);

  // The server has moved on to a protocol this app does not speak.
  await server.start();
  await context.route('**/api/sync/push', (route) =>
    route.fulfill({ status: 426, json: { error: { reason: 'outdated-client', message: 'This app is out of date. Reload the app to update it, then sync again.' } } })
  );
  await bar.getByRole('button', { name: 'Sync now' }).click();
  await expect(bar.getByRole('alert')).toHaveText('This app is out of date. Reload the app to update it, then sync again.');
  await expect(line).toHaveText(/^1 waiting to sync · last at \d\d:\d\d$/);

  await context.unroute('**/api/sync/push');
  await bar.getByRole('button', { name: 'Sync now' }).click();
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  await expect(bar.getByRole('alert')).toHaveCount(0);
});

test('opening the app syncs once, not once for the worker found unlocked and again for the start', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  const line = page.getByRole('region', { name: 'Sync' }).getByTestId('sync-line');
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  const pulls: string[] = [];
  page.on('request', (request) => void (request.url().endsWith('/api/sync/pull') && pulls.push(request.url())));
  await page.reload();
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  await page.waitForLoadState('networkidle');
  expect(pulls).toHaveLength(1);

  // Another worker unlocking still syncs at once, for their own conversations.
  const tablet = new TabletPage(page);
  await tablet.switchWorker();
  await tablet.unlock(seeded.workers.ben);
  await expect.poll(() => pulls.length).toBe(2);
});
