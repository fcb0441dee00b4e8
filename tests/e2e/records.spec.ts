import { DEFAULT_PROMPTS } from '../../src/lib/domain/prompt';
import { answersOf, makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';
import { withServerStore } from '../support/server-database';
import { RecordsPage } from './pages/records-page';

const ARMLEY_WARD = 'E05011385';
const CONTACT = 'Ring Mrs Okafor on 0113 496 0000 after 6pm';
const CHAPELTOWN_CONTACT = 'Email chapeltown-resident@example.org';
const WORK = 'Widening Access to Quality Work';

/**
 * Leeds with Amina's told conversation (contact details, equality answers, a quote with and one
 * without consent), 50 older ones of Ben's at Armley and a newer one of Chidi's at Chapeltown.
 */
async function seedConversations(server: Parameters<typeof seedForManagers>[0]) {
  return seedForManagers(server, async (store, { network, tablet, chapeltownTablet, workers }) => {
    const work = (await store.getReferenceData())!.themes.find((t) => t.name === WORK)!;
    await recordConversations(store, network.id, tablet, workers.amina.id, [
      makeConversation({
        wardCode: ARMLEY_WARD,
        recordedAt: '2026-11-20T10:30:00.000Z',
        answers: answersOf('The canal towpath', 'Somewhere for teenagers to go'),
        themeIds: [work.id],
        peopleCount: 2,
        quotes: [
          { text: 'We need jobs here', consentToQuote: true },
          { text: 'Keep this between us', consentToQuote: false }
        ],
        followUp: { wanted: true, contact: CONTACT },
        equality: { ageBand: '25-34', ethnicity: 'white-irish' }
      })
    ]);
    const older = Array.from({ length: 50 }, (_, i) =>
      makeConversation({ wardCode: ARMLEY_WARD, recordedAt: new Date(Date.UTC(2026, 9, 1, 9, i)).toISOString(), answers: answersOf(`Older words ${i}`) })
    );
    await recordConversations(store, network.id, tablet, workers.ben.id, older);
    await recordConversations(store, network.id, chapeltownTablet, workers.chidi.id, [
      makeConversation({
        wardCode: 'E05011390', // Chapel Allerton
        recordedAt: '2026-11-21T09:00:00.000Z',
        answers: answersOf('Chapeltown carnival'),
        followUp: { wanted: true, contact: CHAPELTOWN_CONTACT }
      })
    ]);
  });
}

test('a coordinator reads every conversation in full, newest first, 50 a page', async ({ page, server }) => {
  const seeded = await seedConversations(server);
  await signInAs(page.context(), seeded.people.coordinator, server.url);
  const records = new RecordsPage(page);
  await records.open();
  await expect(records.records).toHaveCount(50);
  await expect(records.records.first()).toContainText('Chapeltown carnival');
  await expect(records.record('Chapeltown carnival')).toContainText(CHAPELTOWN_CONTACT);

  const told = records.record('The canal towpath');
  await expect(told.getByRole('heading', { level: 2 })).toContainText('Armley');
  await expect(told.locator('.meta')).toHaveText('2 people. Recorded by Amina for Armley Community Centre.');
  await expect(records.field(told, 'Themes')).toHaveText(WORK);
  await expect(records.field(told, DEFAULT_PROMPTS[0].text)).toHaveText('The canal towpath');
  await expect(records.field(told, DEFAULT_PROMPTS[1].text)).toHaveText('Somewhere for teenagers to go');
  await expect(records.field(told, 'Quotes').getByRole('listitem').filter({ hasText: 'We need jobs here' })).toContainText('Agreed to be quoted');
  await expect(records.field(told, 'Quotes').getByRole('listitem').filter({ hasText: 'Keep this between us' })).toContainText('Not to be quoted');
  await expect(records.field(told, 'Follow-up')).toContainText(CONTACT);
  await expect(records.field(told, 'Equality monitoring')).toContainText('Age: 25 to 34');
  await expect(records.field(told, 'Equality monitoring')).toContainText('White: Irish');

  await page.getByRole('link', { name: 'Older conversations' }).click();
  await expect(records.records).toHaveCount(2);
  await expect(records.records.last()).toContainText('Older words 0');
  await expect(page.getByRole('link', { name: 'Older conversations' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Newest conversations' }).click();
  await expect(records.records.first()).toContainText('Chapeltown carnival');

  await page.goto('/records?older=2026-11-20T10:30:00Z_nonsense');
  await expect(page.getByText('That link to older conversations is not complete.')).toBeVisible();
});

test('a lead reads only their organisation’s conversations, with contact details kept private unless the network allows them', async ({ page, server }) => {
  const seeded = await seedConversations(server);
  await signInAs(page.context(), seeded.people.lead, server.url);
  const records = new RecordsPage(page);
  await records.open();
  // What the page's data request brings the lead's browser.
  const body = await (await page.request.get('/records/__data.json')).text();
  await expect(records.records).toHaveCount(50);
  await expect(records.records.first()).toContainText('The canal towpath');
  await expect(page.getByText('Chapeltown carnival')).toHaveCount(0);

  const told = records.record('The canal towpath');
  await expect(told.locator('.meta')).toHaveText('2 people. Recorded by Amina.');
  await expect(records.field(told, 'Follow-up')).toHaveText('Wanted. Contact details: kept private');
  await expect(records.field(told, 'Equality monitoring')).toHaveText('Kept private');
  await expect(records.field(told, 'Quotes')).toContainText('Keep this between us');
  // Never sent to the browser at all, not just hidden.
  for (const secret of [CONTACT, CHAPELTOWN_CONTACT, 'Chapeltown carnival', 'white-irish', '25-34']) expect(body).not.toContain(secret);

  await page.getByRole('link', { name: 'Older conversations' }).click();
  await expect(records.records).toHaveCount(1);
  await expect(records.records).toContainText('Older words 0');

  await withServerStore(server, (store) => store.setAccessSettings(seeded.network.id, { idleLockMinutes: 10, leadsSeeContacts: true }));
  await records.open();
  await expect(records.field(records.record('The canal towpath'), 'Follow-up')).toContainText(CONTACT);
  await expect(records.field(records.record('The canal towpath'), 'Equality monitoring')).toHaveText('Kept private');
  await expect(page.getByText('Chapeltown carnival')).toHaveCount(0);
});

test('a lead whose organisation has no conversations yet is told so', async ({ page, server }) => {
  const seeded = await seedForManagers(server);
  await signInAs(page.context(), seeded.people.lead, server.url);
  await new RecordsPage(page).open();
  await expect(page.getByText('No conversations yet for Armley Community Centre. They appear here once a tablet has synced them.')).toBeVisible();
});
