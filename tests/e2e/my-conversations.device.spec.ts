import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES, WOULD_CHANGE } from './pages/capture-page';
import { RecordsPage } from './pages/records-page';
import { SettingsPage } from './pages/settings-page';
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
  await expect(capture.waiting).toHaveText('2 waiting to sync'); // one changed, one deleted

  await network.goOnline();
  await expect(capture.waiting).toHaveText('All synced');
  await expect(items.filter({ hasText: 'Synced' })).toHaveCount(1);
  await page.goto('/wards');
  await expect(page.getByText('1 conversation synced across 33 wards.')).toBeVisible();
});

test('an edit after a prompt is archived keeps its answer and the wording it was asked with', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await capture.record({ ward: 'Armley', loves: 'The canal towpath' });
  await expect(capture.waiting).toHaveText('All synced');

  // The coordinator archives the first prompt; the tablet learns it when the app next opens.
  const settings = new SettingsPage(page);
  await settings.open();
  await page.getByRole('button', { name: 'Remove prompt 1' }).click();
  await page.getByRole('button', { name: 'Save prompts' }).click();
  await expect(settings.saved('Prompts saved.')).toBeVisible();
  await page.goto('/conversations');
  await expect(page.getByRole('heading', { name: 'Conversations on this device' })).toBeVisible();
  await page.reload();

  await page.getByRole('listitem').filter({ hasText: 'Armley' }).getByRole('link').click();
  const archived = page.getByLabel(LOVES);
  await expect(archived).toHaveValue('The canal towpath');
  await expect(archived).toHaveAccessibleDescription(/Prompt no longer used/);
  await page.getByLabel(WOULD_CHANGE).fill('More benches');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved on this device.')).toBeVisible();
  await expect(capture.waiting).toHaveText('All synced');

  const records = new RecordsPage(page);
  await records.open();
  const record = records.record('The canal towpath');
  await expect(record).toContainText(LOVES);
  await expect(record).toContainText(WOULD_CHANGE);
  await expect(record).toContainText('More benches');
});
