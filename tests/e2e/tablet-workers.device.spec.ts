import type { PullResult } from '../../src/lib/domain/protocol';
import type { SeededNetwork, SeededWorker } from '../support/seed-network';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { TabletPage } from './pages/tablet-page';
import { WorkersPage } from './pages/workers-page';
import { sessionCookie } from '../support/seed-network';

/** What a worker's pull from another of the centre's tablets brings: the conversations the server holds as theirs. */
async function recordedBy(serverUrl: string, seeded: SeededNetwork, worker: SeededWorker): Promise<PullResult['conversations']> {
  const response = await fetch(`${serverUrl}/api/sync/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `al_device=${seeded.tablet.credential}` },
    body: JSON.stringify({ protocol: 2, kind: 'pull', workerId: worker.id, cursor: '0' })
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as PullResult).conversations;
}

test('a tablet enrolled by code: a worker unlocks it offline, records five, the next worker sees none of them, and they sync as hers', async ({
  page,
  context,
  network,
  server,
  seeded
}) => {
  const tablet = new TabletPage(page);
  await tablet.enrol(seeded.enrolmentCodes[0]);
  await expect(page.getByText('Tablet 2, Armley Community Centre.')).toBeVisible();
  await tablet.unlock(seeded.workers.amina);
  await waitForServiceWorker(context, page);

  // No signal in the church hall: the PIN is checked on the tablet.
  await network.goOffline();
  await tablet.switchWorker();
  await tablet.unlock(seeded.workers.amina);
  await page.goto('/capture');
  const capture = new CapturePage(page);
  for (let i = 1; i <= 5; i++) await capture.record({ ward: 'Armley', loves: `Amina's resident ${i}` });
  await expect(capture.waiting).toHaveText('5 waiting to sync');

  // Ben takes over: a wrong PIN is refused, then his own PIN opens the tablet, with nothing of Amina's on it for him.
  await tablet.switchWorker();
  await page.getByRole('radio', { name: 'Ben' }).check();
  await page.getByLabel('Your PIN').fill('0000');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That PIN is not right. 4 tries left before Ben is locked out on this tablet.')).toBeVisible();
  await tablet.unlock(seeded.workers.ben);
  await page.getByRole('link', { name: 'My conversations' }).click();
  await expect(page.getByText('No conversations recorded today, and nothing waiting to sync.')).toBeVisible();
  await expect(page.getByText("Amina's resident")).toHaveCount(0);

  // Back online, the tablet sends Amina's conversations while Ben is using it: they are hers on the server.
  await network.goOnline();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(capture.waiting).toHaveText('All synced');
  const hers = await recordedBy(server.url, seeded, seeded.workers.amina);
  expect(hers.map((c) => c.conversation?.answers[0].text).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `Amina's resident ${i}`));
  expect(await recordedBy(server.url, seeded, seeded.workers.ben)).toEqual([]);
  await expect(page.getByText("Amina's resident")).toHaveCount(0);

  // Amina again: hers are still here for her.
  await tablet.switchWorker();
  await tablet.unlock(seeded.workers.amina);
  await page.getByRole('link', { name: 'My conversations' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: "Amina's resident" })).toHaveCount(5);
});

test('five wrong PINs lock a worker out on the tablet until it syncs; another worker can still unlock it', async ({ page, seeded }) => {
  const tablet = new TabletPage(page);
  await tablet.enrol(seeded.enrolmentCodes[0]);
  await page.getByRole('radio', { name: 'Amina' }).check();
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Your PIN').fill('1111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /not right|locked out/ })).toBeVisible();
  }
  await expect(page.getByText('Amina is locked out on this tablet after 5 wrong PINs.')).toBeVisible();
  await expect(page.getByLabel('Your PIN')).toHaveCount(0);
  await page.reload();
  await page.getByRole('radio', { name: 'Amina' }).check();
  await expect(page.getByText('Amina is locked out on this tablet after 5 wrong PINs.')).toBeVisible();
  await tablet.unlock(seeded.workers.ben);
  // A completed sync (Ben is online) lifts Amina's lockout.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await tablet.switchWorker();
  await tablet.unlock(seeded.workers.amina);
});

test('a worker the lead added without a PIN chooses one on the tablet while it is online', async ({ page, server, seeded }) => {
  await page.context().addCookies([sessionCookie(seeded.people.lead, server.url)]);
  const workers = new WorkersPage(page);
  await workers.open();
  await workers.add({ name: 'Dee' });
  await expect(workers.worker('Dee')).toContainText('No PIN yet');
  const tablet = new TabletPage(page);
  await tablet.enrol(seeded.enrolmentCodes[0]);
  await page.getByRole('radio', { name: 'Dee' }).check();
  await expect(page.getByText('You have no PIN yet.')).toBeVisible();
  await page.getByLabel('Choose a PIN of 4 to 6 digits').fill('4321');
  await page.getByLabel('The same PIN again').fill('4312');
  await page.getByRole('button', { name: 'Save PIN and unlock' }).click();
  await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  await page.getByLabel('Choose a PIN of 4 to 6 digits').fill('4321');
  await page.getByLabel('The same PIN again').fill('4321');
  await page.getByRole('button', { name: 'Save PIN and unlock' }).click();
  await expect(page.getByText('Recording as Dee')).toBeVisible();
  await tablet.switchWorker();
  await tablet.unlock({ name: 'Dee', pin: '4321' });
});

test('left alone for the network’s idle time, the tablet locks; the unfinished conversation waits for its worker', async ({ page, seeded }) => {
  await page.clock.install();
  const tablet = new TabletPage(page);
  await tablet.enrol(seeded.enrolmentCodes[0]);
  await tablet.unlock(seeded.workers.amina);
  const capture = new CapturePage(page);
  await capture.giveConsent();
  await capture.chooseWard('Armley');
  await page.getByLabel('What do you love about where you live?').fill('Half-told when the tablet was put down');

  await page.clock.fastForward('09:00');
  await expect(page.getByText('Recording as Amina')).toBeVisible(); // 9 minutes: still open
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { name: 'Who is recording?' })).toBeVisible();
  await expect(page.getByText('Half-told when the tablet was put down')).toHaveCount(0);

  // Ben sees none of it; Amina finds her conversation where she left it.
  await tablet.unlock(seeded.workers.ben);
  await expect(page.getByRole('heading', { name: 'You have an unfinished conversation' })).toHaveCount(0);
  // An empty form: consent not given, so nothing else of it shows yet.
  await expect(page.getByLabel('The resident agrees to this conversation being recorded')).not.toBeChecked();
  await expect(page.getByLabel('What do you love about where you live?')).toHaveCount(0);
  await tablet.switchWorker();
  await tablet.unlock(seeded.workers.amina);
  await expect(page.getByRole('heading', { name: 'You have an unfinished conversation' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue it' }).click();
  await expect(page.getByLabel('What do you love about where you live?')).toHaveValue('Half-told when the tablet was put down');
});
