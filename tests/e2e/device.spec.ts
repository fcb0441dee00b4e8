import { persistenceMessage } from '../../src/lib/client/device-storage';
import { expect, test, waitForServiceWorker } from './fixtures';
import { DevicePage } from './pages/device-page';
import { SetupPage } from './pages/setup-page';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Chromium may grant or refuse persistent storage to a site that is not installed: either answer is shown. */
const PERSISTENCE_ANSWER = new RegExp(
  `^(${escape(persistenceMessage('persisted'))}|${escape(persistenceMessage('not-persisted'))})$`
);
const BYTES = String.raw`[\d.,]+ (bytes?|KB|MB|GB|TB)`;
const STORAGE_USED = new RegExp(`^${BYTES} of ${BYTES} available$`);
const EN_GB_DATE_TIME = /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/;

test('the device page shows what the tablet keeps, and still opens offline', async ({ page, context, network, server }) => {
  await SetupPage.leeds(page, server);
  await waitForServiceWorker(context, page);

  const device = new DevicePage(page);
  await device.openFromMenu();
  await expect(page.getByRole('link', { name: 'This device' })).toHaveAttribute('aria-current', 'page');
  await expect(device.value('Storage kept')).toHaveText(PERSISTENCE_ANSWER);
  await expect(device.value('Storage used')).toHaveText(STORAGE_USED);
  await expect(device.value('Conversations waiting to sync')).toHaveText('0');
  await expect(device.value('App version')).toHaveText(/\S/);
  await expect(device.value('Online')).toHaveText('Yes');
  // The app syncs on start when online, so by now it has synced once.
  await expect(device.value('Last synced')).toHaveText(EN_GB_DATE_TIME);

  await network.goOffline();
  await expect(device.value('Online')).toHaveText('No — conversations are kept here until it is back online');

  await page.reload(); // served by the service worker: the server is stopped
  await expect(device.heading).toBeVisible();
  // Chromium 150 reports the reloaded page online under offline emulation; the failed sync tells.
  await expect(device.value('Online')).toHaveText(/^No — (conversations are kept here until it is back online|the server cannot be reached; conversations are kept here until it can)$/);
  await expect(device.value('Conversations waiting to sync')).toHaveText('0');
  await expect(device.value('Last synced')).toHaveText(EN_GB_DATE_TIME);
  await expect(device.value('Storage kept')).toHaveText(PERSISTENCE_ANSWER);
  await expect(device.value('Storage used')).toHaveText(STORAGE_USED);
});
