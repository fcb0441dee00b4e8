import type { Conversation } from '../../src/lib/domain/conversation';
import { seedServer, sessionCookie } from '../support/seed-network';
import { readDeviceStore } from './device';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { TabletPage } from './pages/tablet-page';

test.describe('from first-run set-up', () => {
  test.use({ seedOptions: null });
  for (const viewport of SCREEN_SIZES) {
    test(`axe finds no WCAG 2.2 AA violations on any capture-side page at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
      await page.setViewportSize(viewport);
      // A dozen axe passes, the capture form's with every equality option a radio: longer than 90 s on a busy machine.
      test.setTimeout(240_000);
      const setup = new SetupPage(page);
      await setup.open();
      await expectNoViolations(page, 'set-up');
      await setup.submit({ name: '' });
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
      await expectNoViolations(page, 'set-up with errors');

      const seeded = await seedServer(server);
      const tablet = new TabletPage(page);
      await page.goto('/');
      await expectNoViolations(page, 'start page, neither signed in nor enrolled');
      await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
      await page.goto('/enrol');
      await page.getByLabel('Enrolment code').fill('K7M3-QX9P-2T4');
      await page.getByRole('button', { name: 'Enrol this tablet' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
      await expectNoViolations(page, 'enrolment with an error');
      await tablet.enrol(seeded.enrolmentCodes[0]);
      await page.getByRole('radio', { name: 'Amina' }).check();
      await page.getByLabel('Your PIN').fill('0000');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByText('That PIN is not right.')).toBeVisible();
      await expectNoViolations(page, 'worker lock with a wrong PIN');
      await tablet.unlock(seeded.workers.amina);

      const capture = new CapturePage(page);
      await expect(capture.heading).toBeVisible();
      await expectNoViolations(page, 'capture, before consent');
      await capture.giveConsent();
      await page.getByText('Equality monitoring (optional)').click();
      await page.getByLabel('They would like someone to get back to them').check();
      await page.getByRole('button', { name: 'Add a quote' }).click();
      await expectNoViolations(page, 'capture, every section open');
      await page.getByRole('button', { name: 'Save conversation' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
      await expectNoViolations(page, 'capture with errors');
      await page.reload();
      await expect(page.getByRole('heading', { name: 'You have an unfinished conversation' })).toBeVisible();
      await expectNoViolations(page, 'capture, offering the unfinished conversation');
      await page.getByRole('button', { name: 'Discard it and start a new one' }).click();
      await expectNoViolations(page, 'capture, asking before discarding the unfinished conversation');
      await page.getByRole('button', { name: 'Yes, discard it' }).click();
      await capture.record({ ward: 'Armley', loves: 'The canal', quotes: [{ text: 'Jobs', consent: true }] });
      await expectNoViolations(page, 'capture after saving');

      for (const [path, heading] of [
        ['/', 'Anchor Listening'],
        ['/conversations', 'Conversations on this device'],
        ['/device', 'This device'],
        ['/wards', 'Conversations by ward']
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
        await expectNoViolations(page, path);
      }
      const [saved] = await readDeviceStore<Conversation>(page, 'conversations');
      await page.goto(`/conversations/${saved.id}`);
      await page.getByRole('button', { name: 'Delete conversation' }).click();
      await expectNoViolations(page, 'change a conversation, confirming delete');
    });
  }
});
