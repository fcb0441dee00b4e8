import { REFERENCE_CODE_PATTERN } from '../../src/lib/domain/reference-code';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

const WORK = 'Widening Access to Quality Work';

test('issue 13: two conversations recorded offline each show their own reference code, and the server has them under the same codes', async ({
  page,
  context,
  network,
  server
}) => {
  await SetupPage.leeds(page, server);
  const capture = new CapturePage(page);
  await expect(capture.waiting).toHaveText('All synced');
  await waitForServiceWorker(context, page);

  await network.goOffline();
  await page.reload();
  await expect(capture.heading).toBeVisible();

  const codes: string[] = [];
  for (const loves of ['The canal towpath', 'The Saturday market']) {
    await capture.record({ ward: 'Armley', loves, themes: [WORK] });
    const notice = page.getByRole('status').filter({ hasText: 'Saved on this device under Armley.' });
    await expect(notice).toContainText('write it on the resident’s thank-you card');
    const code = (await page.getByTestId('saved-reference-code').textContent())!.trim();
    expect(code).toMatch(REFERENCE_CODE_PATTERN);
    await expect(notice).toContainText(`Reference code ${code}`);
    codes.push(code);
  }
  expect(codes[0]).not.toBe(codes[1]);
  // Both from this tablet's block: the same first half.
  expect(codes[0].slice(0, 3)).toBe(codes[1].slice(0, 3));
  await expect(capture.waiting).toHaveText('2 waiting to sync');

  // My conversations shows each code while it waits.
  await page.goto('/conversations');
  for (const code of codes) await expect(page.getByText(code, { exact: true })).toBeVisible();

  await network.goOnline();
  await expect(capture.waiting).toHaveText('All synced');

  // On the server, each is found under the code its confirmation showed, typed as a person might.
  for (const [i, loves] of ['The canal towpath', 'The Saturday market'].entries()) {
    await page.goto(`/records?code=${encodeURIComponent(` ${codes[i].replace('-', '').toLowerCase()} `)}`);
    const records = page.locator('article.record');
    await expect(records).toHaveCount(1);
    await expect(records.first()).toContainText(loves);
    await expect(records.first()).toContainText(`Reference code ${codes[i]}`);
  }
  await page.goto('/records?code=K0M-3QS');
  await expect(page.getByText('A reference code never contains “0”, “S”.')).toBeVisible();
  await expect(page.locator('article.record')).toHaveCount(0);
});

test('issue 13: the thank-you card shows the network, the code from the link and the privacy QR code, and passes axe on a phone and a tablet', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.goto('/thank-you-cards?code=k7m3qx');
    await expect(page.getByRole('heading', { name: 'Thank-you cards' })).toBeVisible();
    const card = page.getByRole('article', { name: 'Thank-you card' });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(seeded.network.name);
    await expect(card.getByTestId('card-code')).toHaveText('K7M-3QX');
    await expect(card.locator('.half')).toHaveText(['K7M', '3QX']);
    const qr = card.getByRole('img', { name: `QR code for the privacy notice at ${server.url}/privacy` });
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expectNoViolations(page, `thank-you card at ${size.width}×${size.height}`);

    await page.goto('/thank-you-cards');
    await expect(page.getByRole('article', { name: 'Thank-you card' })).toHaveCount(4);
    await expect(page.getByRole('article', { name: 'Thank-you card' }).first().getByTestId('card-code')).toHaveText('to be written in the boxes');
    await expectNoViolations(page, `blank thank-you cards at ${size.width}×${size.height}`);
  }
  // The coordinator says how residents reach them: every card says it.
  await page.goto('/settings');
  await page.getByLabel('How residents contact you about their conversation').fill('privacy@leeds-anchors.example or 0113 496 0000');
  await page.getByRole('button', { name: 'Save how residents contact you' }).click();
  await expect(page.getByText('How residents contact you saved.')).toBeVisible();
  await page.goto('/thank-you-cards');
  await expect(page.getByRole('article', { name: 'Thank-you card' }).first()).toContainText(
    'To ask about your conversation: privacy@leeds-anchors.example or 0113 496 0000'
  );
  await page.goto('/privacy');
  await expect(page.getByText('delete your conversation: privacy@leeds-anchors.example or 0113 496 0000')).toBeVisible();
  await page.goto('/thank-you-cards?code=B00-123');
  await expect(page.getByText('A reference code never contains')).toBeVisible();
  await expectNoViolations(page, 'thank-you cards with a wrong code');
});
