import naughtyStrings from 'big-list-of-naughty-strings/blns.json' with { type: 'json' };
import type { Conversation } from '../../src/lib/domain/conversation';
import { readDeviceStore } from './device';
import { expect, test } from './fixtures';
import { CapturePage, LOVES, WOULD_CHANGE } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { TabletPage } from './pages/tablet-page';
import type { SeededNetwork } from '../support/seed-network';

let seeded: SeededNetwork;
test.beforeEach(async ({ page, server }) => {
  seeded = await SetupPage.leeds(page, server);
});

/** Whether a small IndexedDB write of this origin is refused for lack of space. */
async function probeWriteFails(): Promise<boolean> {
  try {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('quota-probe');
      opening.onupgradeneeded = () => opening.result.createObjectStore('probe');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('probe', 'readwrite');
      tx.objectStore('probe').put('x'.repeat(1000), Date.now());
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
    return false;
  } catch {
    return true;
  }
}

const summary = (page: import('@playwright/test').Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

test('closing the page mid-form and reopening offers the draft with every field', async ({ page, context, server }) => {
  const capture = new CapturePage(page);
  await capture.fill({
    ward: 'Armley',
    loves: 'The canal towpath',
    wouldChange: 'Safer crossings',
    quotes: [{ text: 'We need jobs here', consent: true }, { text: 'Do not share this', consent: false }],
    themes: ['Widening Access to Quality Work', 'Tackling Health Inequalities'],
    people: 3,
    equality: { Age: '65 to 74', Sex: 'Prefer not to say', 'Ethnic group': 'Any other White background' },
    followUp: 'Pat, pat@example.org'
  });
  await expect.poll(async () => (await readDeviceStore<{ values: { consentToRecord: boolean } }>(page, 'drafts'))[0]?.values.consentToRecord).toBe(true);
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto('/capture');
  await expect(reopened.getByRole('heading', { name: 'You have an unfinished conversation' })).toBeVisible();
  await reopened.getByRole('button', { name: 'Continue it' }).click();
  await expect(new CapturePage(reopened).chosenWard).toContainText('Ward: Armley');
  await expect(reopened.getByLabel(LOVES)).toHaveValue('The canal towpath');
  await expect(reopened.getByLabel(WOULD_CHANGE)).toHaveValue('Safer crossings');
  await expect(reopened.getByLabel('Quote 1', { exact: true })).toHaveValue('We need jobs here');
  await expect(reopened.getByLabel('They agree to be quoted (quote 1)')).toBeChecked();
  await expect(reopened.getByLabel('Quote 2', { exact: true })).toHaveValue('Do not share this');
  await expect(reopened.getByLabel('They agree to be quoted (quote 2)')).not.toBeChecked();
  await expect(reopened.getByLabel('Widening Access to Quality Work')).toBeChecked();
  await expect(reopened.getByLabel('Tackling Health Inequalities')).toBeChecked();
  await expect(reopened.getByLabel('Reducing Environmental Impact')).not.toBeChecked();
  await expect(reopened.getByLabel('Number of people in the conversation')).toHaveValue('3');
  // Equality answers and contact details were sealed as they were kept (issue 13): the draft says
  // they were given and offers to replace them, never shows them.
  await reopened.getByText('Equality monitoring (optional)').click();
  await expect(reopened.getByText('Equality answers were given. They are sealed on this tablet')).toBeVisible();
  await expect(reopened.getByRole('group', { name: 'Age', exact: true })).toHaveCount(0);
  await expect(reopened.getByRole('button', { name: 'Answer again (replaces what was recorded)' })).toBeVisible();
  await expect(reopened.getByLabel('They would like someone to get back to them')).toBeChecked();
  await expect(reopened.getByText('Contact details were entered. They are sealed on this tablet')).toBeVisible();
  await expect(reopened.getByLabel('New contact details')).toHaveValue('');
  await expect(reopened.getByText('pat@example.org')).toHaveCount(0);
  await expect(reopened.getByLabel('The resident agrees to this conversation being recorded')).toBeChecked();
  await reopened.getByRole('button', { name: 'Save conversation' }).click();
  await expect(reopened.getByText('Saved on this device under Armley.')).toBeVisible();
});

test('required fields and over-long text are refused with messages linked to their fields, and nothing is lost', async ({ page, server }) => {
  // Consent first (Save only shows once it is given), then nothing else: the ward and something said are asked for.
  await new CapturePage(page).giveConsent();
  await page.getByRole('button', { name: 'Save conversation' }).click();
  await expect(summary(page)).toContainText('Choose the ward the resident lives in');
  await expect(summary(page)).toContainText('Add at least one answer, quote or theme before saving');
  await summary(page).getByRole('link', { name: 'Choose the ward the resident lives in' }).click();
  await expect(page.getByLabel('Ward', { exact: true })).toBeFocused();

  const capture = new CapturePage(page);
  const tooLong = 'x'.repeat(4001);
  await capture.fill({ ward: 'Armley', loves: tooLong, people: 0 });
  await page.getByRole('button', { name: 'Save conversation' }).click();
  await expect(summary(page)).toContainText('Answers must be 4000 characters or fewer');
  await expect(summary(page)).toContainText('At least 1 person takes part in a conversation');
  await expect(page.getByLabel(LOVES)).toHaveValue(tooLong); // kept, so it can be shortened
  await expect(capture.waiting).toHaveText('All synced');
  expect(await readDeviceStore(page, 'conversations')).toHaveLength(0);
});

test('emoji, right-to-left text and the Big List of Naughty Strings are saved exactly as typed', async ({ page, server }) => {
  const capture = new CapturePage(page);
  const strings = (naughtyStrings as string[]).filter((s) => s.trim() !== '');
  const chunks = [strings.slice(0, 150), strings.slice(150, 300), strings.slice(300)].map((chunk) => chunk.join('\n'));
  const emoji = '👩🏽‍🦱 ❤️ 🇬🇧 — مرحبا بالعالم — שלום עולם — नमस्ते';
  for (const [i, chunk] of chunks.entries()) {
    await capture.record({ ward: 'Armley', loves: chunk.slice(0, 4000), wouldChange: emoji, quotes: [{ text: chunk.slice(0, 1000), consent: true }] });
    expect((await readDeviceStore<Conversation>(page, 'conversations')).length).toBe(i + 1);
  }
  const kept = (await readDeviceStore<Conversation>(page, 'conversations')).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  kept.forEach((conversation, i) => {
    expect(conversation.answers.map((a) => a.text)).toEqual([chunks[i].slice(0, 4000), emoji]);
    expect(conversation.quotes[0].text).toBe(chunks[i].slice(0, 1000));
  });

  // And shown back exactly as typed, as text, when opened again.
  await page.goto(`/conversations/${kept[0].id}`);
  await expect(page.getByLabel(LOVES)).toHaveValue(chunks[0].slice(0, 4000));
  await expect(page.getByLabel(WOULD_CHANGE)).toHaveValue(emoji);
  // The server took them as they are too.
  await expect(capture.waiting).toHaveText('All synced');
});

test('a full device refuses the save with a clear message, keeps the form and harms nothing saved', async ({ tablet, baseURL, server }) => {
  test.setTimeout(150_000);
  // Quota overrides reach only a browser's own profile, hence a tablet rather than a fresh context.
  const page = await tablet.open();
  await new TabletPage(page).enrol(seeded.enrolmentCodes[1]);
  await new TabletPage(page).unlock(seeded.workers.amina);
  const capture = new CapturePage(page);
  await capture.record({ ward: 'Armley', loves: 'Saved while there was space' });
  const cdp = await tablet.context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  // Chromium re-reads an origin's quota about every 30 s: wait until writes meet the new one.
  await expect
    .poll(() => page.evaluate(probeWriteFails), { timeout: 60_000, intervals: [2_000] })
    .toBe(true);
  await capture.fill({ ward: 'Armley', loves: 'y'.repeat(3000), quotes: [{ text: 'z'.repeat(1000), consent: true }] });
  await page.getByRole('button', { name: 'Save conversation' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'out of storage space' })).toContainText('this form is kept as it is');
  await expect(page.getByLabel(LOVES)).toHaveValue('y'.repeat(3000));
  expect((await readDeviceStore<Conversation>(page, 'conversations')).map((c) => c.answers[0].text)).toEqual(['Saved while there was space']);

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.getByRole('button', { name: 'Save conversation' }).click();
  await expect(page.getByText('Saved on this device under Armley.')).toBeVisible();
  expect(await readDeviceStore(page, 'conversations')).toHaveLength(2);
});
