import type { BrowserContext, Page } from '@playwright/test';
import { sessionCookie, type SeededNetwork } from '../support/seed-network';
import { readDeviceStore } from './device';
import { expect, test } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { TabletPage } from './pages/tablet-page';
import { TabletsPage } from './pages/tablets-page';

/** A tablet of Armley's in a browser of its own, enrolled with a code and unlocked by Amina. */
async function enrolledTablet(context: BrowserContext, code: string, seeded: SeededNetwork): Promise<Page> {
  const page = await context.newPage();
  const tablet = new TabletPage(page);
  await tablet.enrol(code);
  await tablet.unlock(seeded.workers.amina);
  return page;
}

/** The coordinator's count of synced conversations, from the wards page. */
async function syncedCount(coordinator: Page): Promise<string> {
  await coordinator.goto('/wards');
  return (await coordinator.getByText(/conversations? synced across 33 wards\./).innerText()).trim();
}

test('a retired tablet sends what it holds once, then is refused; a lost one is refused and erases everything when it reconnects', async ({
  browser,
  page: coordinator,
  server,
  seeded
}) => {
  await coordinator.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
  const retiredContext = await browser.newContext({ baseURL: server.url });
  const lostContext = await browser.newContext({ baseURL: server.url });
  try {
    const retiring = await enrolledTablet(retiredContext, seeded.enrolmentCodes[0], seeded);
    const lost = await enrolledTablet(lostContext, seeded.enrolmentCodes[1], seeded);
    // Both record with no signal.
    await retiredContext.setOffline(true);
    await lostContext.setOffline(true);
    await new CapturePage(retiring).record({ ward: 'Armley', loves: 'Recorded before the tablet was retired' });
    await new CapturePage(retiring).record({ ward: 'Armley', loves: 'And another' });
    await new CapturePage(lost).record({ ward: 'Armley', loves: 'Recorded on the tablet that went missing' });
    expect(await syncedCount(coordinator)).toBe('0 conversations synced across 33 wards.');

    const tablets = new TabletsPage(coordinator);
    await tablets.open();
    await tablets.retire('Tablet 2');
    await expect(tablets.tablet('Tablet 2')).toContainText('Retiring');
    await tablets.reportLost('Tablet 3');
    await expect(tablets.tablet('Tablet 3')).toContainText('Reported lost');

    // The retired tablet comes back online and syncs by itself: its last upload arrives, then it is refused.
    await retiredContext.setOffline(false);
    await expect(retiring.getByRole('heading', { name: 'This tablet has been retired' })).toBeVisible();
    expect(await syncedCount(coordinator)).toBe('2 conversations synced across 33 wards.');
    const refused = await retiring.request.get('/api/device/roster');
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.reason).toBe('device-retired');

    // The lost tablet comes back online: refused, and everything on it is erased, its waiting conversation too.
    await lostContext.setOffline(false);
    await lost.reload();
    await expect(lost.getByRole('heading', { name: 'This tablet has been erased' })).toBeVisible();
    for (const store of ['conversations', 'outbox', 'drafts', 'workers', 'referenceData']) {
      expect(await readDeviceStore(lost, store), store).toEqual([]);
    }
    expect((await lost.request.get('/api/reference')).status()).toBe(403);
    expect(await syncedCount(coordinator)).toBe('2 conversations synced across 33 wards.');
  } finally {
    await retiredContext.close();
    await lostContext.close();
  }
});
