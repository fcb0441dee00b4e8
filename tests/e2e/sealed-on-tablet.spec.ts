import { expect, test } from './fixtures';
import { readDeviceStore, readEveryDeviceStore } from './device';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

const CONTACT = 'Grace Mensah, 07700 900456';

/**
 * Issue 13, point 5: contact details and equality answers are sealed to the network's key before
 * they touch IndexedDB (draft, saved conversation, outbox), so a lost or shared tablet cannot show
 * them; the server opens them.
 */
test('contact details and equality answers are never readable on the tablet, and the coordinator reads them intact', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await capture.fill({
    ward: 'Armley',
    loves: 'The allotments on Town Street',
    equality: { Age: '65 to 74', 'Ethnic group': 'African' },
    followUp: CONTACT
  });
  // The draft is kept as the worker types: wait until it holds the contact details, sealed.
  await expect.poll(async () => (await readDeviceStore<{ values: { sealedContact?: unknown } }>(page, 'drafts'))[0]?.values.sealedContact).toBeDefined();
  await expect.poll(async () => (await readDeviceStore<{ values: { sealedEquality?: unknown } }>(page, 'drafts'))[0]?.values.sealedEquality).toBeDefined();
  const whileTyping = await readEveryDeviceStore(page);
  expect(whileTyping).toContain('The allotments on Town Street');
  for (const secret of ['Mensah', '07700', 'ageBand', 'ethnicity', '65-74']) expect(whileTyping).not.toContain(secret);

  await capture.save('Armley');
  const code = (await page.getByTestId('saved-reference-code').innerText()).replace(/\s/g, '');
  await expect(capture.waiting).toHaveText('All synced');
  const afterSync = await readEveryDeviceStore(page);
  expect(afterSync).toContain('The allotments on Town Street');
  for (const secret of ['Mensah', '07700', 'ageBand', 'ethnicity', '65-74']) expect(afterSync).not.toContain(secret);

  // The same browser is signed in as the network's coordinator, who may read them.
  await page.goto(`/records?code=${encodeURIComponent(code)}`);
  const record = page.getByRole('article').filter({ hasText: 'The allotments on Town Street' });
  await expect(record).toContainText(CONTACT);
  await expect(record).toContainText('65 to 74');
  await expect(record).toContainText('African');
});
