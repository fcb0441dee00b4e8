import type { DeviceConversation } from '../../src/lib/domain/conversation';
import { readDeviceStore } from './device';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, type ConversationInput } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

const WARDS = ['Armley', 'Headingley & Hyde Park', 'Gipton & Harehills', 'Beeston & Holbeck', 'Chapel Allerton'];
const THEMES = ['Widening Access to Quality Work', 'Tackling Health Inequalities', 'Reducing Environmental Impact'];

/** The i-th conversation of the day: groups, quotes with and without consent, equality answers. */
function conversationNumber(i: number): ConversationInput {
  return {
    ward: WARDS[i % WARDS.length],
    loves: `Conversation ${i}: the park, the library — and “the people” 😀`,
    wouldChange: i % 3 === 0 ? '' : `Number ${i} would change the buses`,
    quotes: i % 5 === 0 ? [{ text: `Quote from conversation ${i}`, consent: i % 10 === 0 }] : [],
    themes: [THEMES[i % THEMES.length]],
    people: i % 7 === 0 ? 4 : 1,
    equality:
      i % 4 === 0
        ? { Age: i % 8 === 0 ? 'Prefer not to say' : '35 to 44', 'Ethnic group': i % 8 === 0 ? 'Prefer not to say' : 'Pakistani' }
        : undefined,
    followUp: i % 6 === 0 ? `Resident ${i}, 0113 496 ${String(i).padStart(4, '0')}` : undefined
  };
}

test('S1 a day offline: 50 conversations across reloads and a browser restart are all kept, intact, and sync once', async ({ tablet, server }) => {
  test.setTimeout(240_000);
  let page = await tablet.open();
  await SetupPage.leeds(page, server);
  await waitForServiceWorker(tablet.context, page);

  // No signal in the church hall.
  await tablet.setOffline(true);
  await server.stop();

  for (let i = 0; i < 50; i++) {
    if (i === 10 || i === 20 || i === 40) await page.reload();
    if (i === 30) {
      page = await tablet.restart();
      await page.goto('/capture');
    }
    await new CapturePage(page).record(conversationNumber(i));
  }
  const capture = new CapturePage(page);
  await expect(capture.waiting).toHaveText('50 waiting to sync');

  const kept = (await readDeviceStore<DeviceConversation>(page, 'conversations')).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  expect(kept).toHaveLength(50);
  kept.forEach((conversation, i) => {
    const expected = conversationNumber(i);
    expect(conversation.answers.map((a) => a.text)).toEqual([expected.loves, expected.wouldChange].filter(Boolean));
    expect(conversation.quotes).toEqual(expected.quotes!.map((q) => ({ text: q.text, consentToQuote: q.consent })));
    expect(conversation.peopleCount).toBe(expected.people);
    // Contact details and equality answers are kept sealed (issue 13): present, never readable here.
    if (expected.followUp) {
      expect(conversation.followUp).toMatchObject({ wanted: true, sealed: { v: 1 } });
      expect(JSON.stringify(conversation.followUp)).not.toContain(expected.followUp);
    } else {
      expect(conversation.followUp).toEqual({ wanted: false });
    }
    if (expected.equality) {
      expect(conversation.equality).toMatchObject({ sealed: { v: 1 } });
      expect(JSON.stringify(conversation.equality)).not.toMatch(/ageBand|35-44|asian-pakistani|prefer-not-to-say/);
    } else {
      expect(conversation.equality).toEqual({});
    }
  });
  await page.getByRole('link', { name: 'My conversations' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Waiting to sync' })).toHaveCount(50);

  // Back on wifi: everything arrives exactly once.
  await server.start();
  await tablet.setOffline(false);
  await expect(capture.waiting).toHaveText('All synced', { timeout: 30_000 });
  await page.goto('/wards');
  await expect(page.getByText('50 conversations synced across 33 wards.')).toBeVisible();
});
