import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { WardsPage } from './pages/wards-page';

const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';

test('S1 S2 a conversation recorded offline reaches the shared store once and counts in its ward', async ({ page, context, network, server }) => {
  await SetupPage.leeds(page, server);

  const capture = new CapturePage(page);
  await expect(capture.heading).toBeVisible();
  await expect(capture.waiting).toHaveText('All synced');
  await waitForServiceWorker(context, page);

  await network.goOffline();
  await page.reload();
  await expect(capture.heading).toBeVisible(); // served by the service worker, wards from IndexedDB

  await capture.record({ ward: 'Armley', loves: 'The canal towpath', themes: [WORK] });
  await capture.record({ ward: 'Armley', loves: 'Neighbours', quotes: [{ text: 'We need jobs here', consent: true }], themes: [WORK, HEALTH] });
  await capture.record({ ward: 'Headingley & Hyde Park', loves: 'The cricket', themes: [HEALTH] });
  await expect(capture.waiting).toHaveText('3 waiting to sync');

  await page.reload();
  await expect(capture.heading).toBeVisible();
  await expect(capture.waiting).toHaveText('3 waiting to sync');

  await network.goOnline(); // the restarted server keeps its data; coming online syncs
  await expect(capture.waiting).toHaveText('All synced');

  const wards = new WardsPage(page);
  await wards.open();
  await expect(page.getByText('3 conversations synced across 33 wards.')).toBeVisible();
  expect(await wards.row('Armley')).toMatchObject({ Conversations: '2', [WORK]: '2', [HEALTH]: '1' });
  expect(await wards.row('Headingley & Hyde Park')).toMatchObject({ Conversations: '1', [WORK]: '0', [HEALTH]: '1' });
  expect(server.output).toContain('database closed'); // the stop while offline was a clean shutdown

  await server.stop();
  await server.start();
  await wards.open();
  await expect(page.getByText('3 conversations synced across 33 wards.')).toBeVisible();
});
