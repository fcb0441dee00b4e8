import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { TabletPage } from './pages/tablet-page';

async function openConversation(page: Page, text: string) {
  await page.goto('/conversations');
  await page.getByRole('listitem').filter({ hasText: text }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Change a conversation' })).toBeVisible();
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('waiting-count')).toHaveText('All synced');
}

test('S5 two tablets edit one conversation offline: both fields survive, the later same-field edit wins, the other is in its history', async ({ page: tabletA, browser, server, baseURL }) => {
  const seeded = await SetupPage.leeds(tabletA, server);
  await new CapturePage(tabletA).record({ ward: 'Armley', loves: 'The canal' });
  await expect(tabletA.getByTestId('waiting-count')).toHaveText('All synced');
  await waitForServiceWorker(tabletA.context(), tabletA);

  const contextB: BrowserContext = await browser.newContext({ baseURL });
  try {
    const tabletB = await contextB.newPage();
    // Another of the centre's tablets, which Amina also uses: it pulls what she recorded on tablet A.
    await new TabletPage(tabletB).enrol(seeded.enrolmentCodes[1]);
    await new TabletPage(tabletB).unlock(seeded.workers.amina);
    await syncNow(tabletB);
    await waitForServiceWorker(contextB, tabletB);
    await openConversation(tabletA, 'The canal');
    await openConversation(tabletB, 'The canal');

    // No signal for either tablet.
    await tabletA.context().setOffline(true);
    await contextB.setOffline(true);
    await server.stop();
    await tabletA.getByLabel(LOVES).fill('The canal, said on tablet A');
    await tabletA.getByLabel('Number of people in the conversation').fill('3');
    await tabletA.getByRole('button', { name: 'Save changes' }).click();
    await expect(tabletA.getByText('Changes saved on this device.')).toBeVisible();
    await tabletB.getByLabel(LOVES).fill('The canal, said later on tablet B');
    await tabletB.getByLabel('Tackling Health Inequalities').check();
    await tabletB.getByRole('button', { name: 'Save changes' }).click();
    await expect(tabletB.getByText('Changes saved on this device.')).toBeVisible();

    await server.start();
    await tabletA.context().setOffline(false);
    await contextB.setOffline(false);
    await syncNow(tabletA);
    await syncNow(tabletB);
    await syncNow(tabletA);

    for (const tablet of [tabletA, tabletB]) {
      await openConversation(tablet, 'The canal, said later on tablet B');
      await expect(tablet.getByLabel(LOVES)).toHaveValue('The canal, said later on tablet B');
      await expect(tablet.getByLabel('Number of people in the conversation')).toHaveValue('3');
      await expect(tablet.getByLabel('Tackling Health Inequalities')).toBeChecked();
      const history = tablet.getByRole('region', { name: 'Edited at the same time on another device' });
      await expect(history.getByRole('listitem')).toHaveCount(1);
      await expect(history).toContainText('What they said was “What do you love about where you live? The canal, said on tablet A”');
    }
  } finally {
    await contextB.close();
  }
});
