import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

test('conversations on the device can be changed and deleted offline; both sync later', async ({ page, context, network, server }) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await waitForServiceWorker(context, page);
  await network.goOffline();

  await capture.record({ ward: 'Armley', loves: 'First, to be changed' });
  await capture.record({ ward: 'Armley', loves: 'Second, to be deleted' });
  await page.getByRole('link', { name: 'My conversations' }).click();
  const items = page.getByRole('listitem').filter({ hasText: 'Armley' });
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Waiting to sync' })).toHaveCount(2);

  await items.filter({ hasText: 'First, to be changed' }).getByRole('link').click();
  await page.getByLabel(LOVES).fill('First, changed on the tablet');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved on this device.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to conversations on this device' }).click();

  await items.filter({ hasText: 'Second, to be deleted' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Delete conversation' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByText('The conversation was deleted from this device.')).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(items).toContainText('First, changed on the tablet');
  await expect(capture.waiting).toHaveText('2 conversations waiting to sync'); // one changed, one deleted

  await network.goOnline();
  await expect(capture.waiting).toHaveText('All conversations are synced');
  await expect(items.filter({ hasText: 'Synced' })).toHaveCount(1);
  await page.goto('/wards');
  await expect(page.getByText('1 conversation synced across 33 wards.')).toBeVisible();
});
