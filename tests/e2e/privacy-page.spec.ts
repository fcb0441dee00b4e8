import { withServerStore } from '../support/server-database';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { seedForManagers } from './manage-seed';

const SECTIONS = ['What residents are told', 'What we collect', 'Why we collect it', 'Who can see what', 'How long we keep it', 'Your reference code'];

test('issue 13: anyone, without signing in, reads what is collected, why, who sees it, how long it is kept and how to use the code', async ({ page, server }) => {
  const seeded = await seedForManagers(server);
  await page.goto('/privacy');
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(SECTIONS);
  // The coordinator's notice comes first, before anything the app says.
  await expect(page.locator('main h2').first()).toHaveText('What residents are told');
  await expect(page.getByText('Your name is not recorded with what you said.')).toBeVisible();
  await expect(page.getByText('public task (Article 6(1)(e) of the UK GDPR)')).toBeVisible();
  await expect(page.getByText(/Article 9\(2\)\(g\) of the UK GDPR and paragraph 8 of Schedule 1 to the Data Protection Act 2018/)).toBeVisible();
  await expect(page.getByText('Any number below 10 is shown as “fewer than 10”', { exact: false })).toBeVisible();
  await expect(page.getByText('Contact details for follow-up are deleted 12 months after the conversation, or sooner when the follow-up is done.')).toBeVisible();
  await expect(page.getByText('remove your equality answers and keep the rest')).toBeVisible();
  await expect(page.getByText('erase your conversation', { exact: true })).toBeVisible();
  // The section from before reference codes is gone: the code section says how to ask.
  await expect(page.getByRole('heading', { name: 'Asking for a conversation to be deleted' })).toHaveCount(0);

  // The page reads the network's settings: what a coordinator sets is what residents read.
  await withServerStore(server, async (store) => {
    await store.setSuppressionThreshold(seeded.network.id, 7);
    await store.retention.setContactRetentionMonths(seeded.network.id, 6);
  });
  await page.goto('/privacy');
  await expect(page.getByText('Any number below 7 is shown as “fewer than 7”', { exact: false })).toBeVisible();
  await expect(page.getByText('Contact details for follow-up are deleted 6 months after the conversation, or sooner when the follow-up is done.')).toBeVisible();
});

for (const viewport of SCREEN_SIZES) {
  test(`axe finds no WCAG 2.2 AA violations on the privacy page at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
    await seedForManagers(server);
    await page.setViewportSize(viewport);
    await page.goto('/privacy');
    await expect(page.getByRole('heading', { name: 'Your reference code' })).toBeVisible();
    await expectNoViolations(page, 'privacy');
  });
}
