import type { PullResult } from '../../src/lib/domain/protocol';
import { ANSWER_MAX_LENGTH } from '../../src/lib/domain/conversation';
import { makeConversation, answersOf } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { seedDevice } from './device';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

/** Everything the server holds as Amina's, as another of Armley's tablets pulls it. */
async function aminasOnServer(serverUrl: string, seeded: SeededNetwork): Promise<NonNullable<PullResult['conversations'][number]['conversation']>[]> {
  const all: PullResult['conversations'] = [];
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${serverUrl}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `al_device=${seeded.tablet.credential}` },
      body: JSON.stringify({ protocol: 2, kind: 'pull', workerId: seeded.workers.amina.id, cursor })
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as PullResult;
    all.push(...page.conversations);
    if (!page.more) return all.map((c) => c.conversation!);
    cursor = page.cursor;
  }
}

test('sync never gives up while anything waits: the server down for two minutes with the tablet online, then back; what waited arrives with no touch', async ({
  page,
  server,
  seeded
}) => {
  await page.clock.install();
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  const bar = page.getByRole('region', { name: 'Sync' });
  await expect(capture.waiting).toHaveText('All synced');

  // The venue's wifi works, the server does not answer (restarting).
  await server.stop();
  for (let i = 1; i <= 3; i++) await capture.record({ ward: 'Armley', loves: `Recorded while the server was down ${i}` });
  await expect(capture.waiting).toHaveText('3 waiting to sync');
  // One line: what waits and when it tries again, in neutral words.
  const line = bar.getByTestId('sync-line');
  await expect(line).toHaveText(/^3 waiting to sync · can't reach the server, trying again in (a few seconds|about \d+ minutes?)$/);
  await expect(bar.getByRole('alert')).toHaveCount(0);

  let failedPushes = 0;
  page.on('requestfailed', (request) => void (request.url().endsWith('/api/sync/push') && failedPushes++));
  // Two minutes, in steps, so each try's failure (real network time) lands before the next is due.
  for (let i = 0; i < 6; i++) {
    await page.clock.runFor('00:20');
    await expect(capture.waiting).toHaveText('3 waiting to sync');
  }
  await expect.poll(() => failedPushes).toBeGreaterThan(0); // it kept trying while the server was down

  await server.start();
  // No one touches the tablet: only time passes, and the next try (at most 5 minutes on) sends them.
  await expect(async () => {
    await page.clock.runFor('00:20');
    await expect(capture.waiting).toHaveText('All synced', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  const texts = (await aminasOnServer(server.url, seeded)).map((c) => c.answers[0].text).filter((text) => text.startsWith('Recorded while'));
  expect(texts.sort()).toEqual([1, 2, 3].map((i) => `Recorded while the server was down ${i}`));
});

test('offline is said plainly, not as an error; the Sync now button stays', async ({ page, context, server }) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  const bar = page.getByRole('region', { name: 'Sync' });
  await context.setOffline(true);
  await server.stop();
  await capture.record({ ward: 'Armley', loves: 'Recorded offline' });
  await capture.record({ ward: 'Armley', loves: 'Recorded offline too' });
  const line = bar.getByTestId('sync-line');
  await expect(line).toHaveText('2 waiting to sync · offline, saved here');
  await expect(line).toHaveRole('status');
  await expect(line).not.toHaveClass(/sync-problem/);
  await expect(bar.getByRole('alert')).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Sync now' })).toBeEnabled();
});

/** Gurmukhi: three UTF-8 bytes a character, one UTF-16 unit. */
const punjabi = (seed: number, length: number) =>
  `${seed} ਸਾਡੇ ਮੁਹੱਲੇ ਦਾ ਪਾਰਕ ਅਤੇ ਲਾਇਬ੍ਰੇਰੀ ਬਹੁਤ ਚੰਗੇ ਹਨ, ਪਰ ਸ਼ਾਮ ਨੂੰ ਬੱਸਾਂ ਘੱਟ ਹਨ। `.repeat(Math.ceil(length / 50)).slice(0, length);

test('S2 S9 a week of long Punjabi conversations syncs in several batches, each within the server’s limit, every one exactly once', async ({ page, context, server, seeded }) => {
  test.setTimeout(120_000);
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await expect(capture.waiting).toHaveText('All synced');
  await waitForServiceWorker(context, page);
  // 100 conversations, answers near the 4,000-character limit: about 2.4 MB in UTF-8, more than one push may carry.
  const week = Array.from({ length: 100 }, (_, i) =>
    makeConversation({
      wardCode: 'E05011385',
      organisationId: seeded.organisations.armley.id,
      recordedAt: new Date(Date.now() - (100 - i) * 100 * 60_000).toISOString(),
      answers: answersOf(punjabi(i, ANSWER_MAX_LENGTH - 10), punjabi(i + 1000, ANSWER_MAX_LENGTH - 10))
    })
  );
  // Put on the tablet offline, as a week without signal would have left them (creates in the outbox, as the app queues them).
  await context.setOffline(true);
  await seedDevice(page, week, seeded.workers.amina.id);
  await page.reload(); // the tablet opened again the next morning, still offline
  await expect(capture.waiting).toHaveText('100 waiting to sync');

  const pushes: { status: number; bytes: number }[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/sync/push')) pushes.push({ status: response.status(), bytes: Buffer.byteLength(response.request().postData() ?? '') });
  });
  await context.setOffline(false); // back in signal: the app syncs by itself
  await expect(capture.waiting).toHaveText('All synced', { timeout: 60_000 });

  expect(pushes.length).toBeGreaterThan(1);
  expect(pushes.map((p) => p.status)).not.toContain(413);
  expect(pushes.every((p) => p.status === 200 && p.bytes <= 2_000_000)).toBe(true);
  const onServer = await aminasOnServer(server.url, seeded);
  const ids = onServer.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => week.some((c) => c.id === id)).sort()).toEqual(week.map((c) => c.id).sort());
  const fifth = onServer.find((c) => c.id === week[5].id)!;
  expect(fifth.answers.map((a) => a.text)).toEqual(week[5].answers.map((a) => a.text));
});

test('S9 a record the tablet cannot read is listed on the device page with the reason and what to do; a tablet clock days out is told', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const bar = page.getByRole('region', { name: 'Sync' });
  const unreadableId = '01900000-0000-7000-8000-00000000beef';
  // The server's answer as a broken record and a wrong clock would leave it: a date no schema reads, and a Date three days behind the tablet.
  await page.route('**/api/sync/pull', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as PullResult;
    const broken = { id: unreadableId, revision: 2, deleted: false, conversation: { id: unreadableId, recordedAt: '+020026-01-01T00:00:00.000Z' } };
    await route.fulfill({
      response,
      headers: { ...response.headers(), date: new Date(Date.now() - 3 * 86_400_000).toUTCString() },
      json: { ...body, conversations: [...body.conversations, broken] }
    });
  });
  await bar.getByRole('button', { name: 'Sync now' }).click();
  await expect(bar.getByTestId('clock-warning')).toHaveText(/^This tablet's date and time look wrong: it says .+, the server says .+\. Set the date and time in the tablet's settings\.$/);
  await expect(bar).toContainText('All synced');

  await page.getByRole('link', { name: 'This device' }).click();
  const section = page.getByRole('region', { name: 'Records this tablet could not read' });
  await expect(section).toContainText('Tell your coordinator');
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await expect(section.getByRole('listitem')).toContainText('The server sent its ward');
  await expect(section.getByRole('listitem')).toContainText(`Record id: ${unreadableId}`);
});
