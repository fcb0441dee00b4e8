import { makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';
import { TabletsPage } from './pages/tablets-page';
import { WorkersPage } from './pages/workers-page';

for (const viewport of SCREEN_SIZES) {
  test(`axe finds no WCAG 2.2 AA violations on the workers, tablets and conversations pages at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
    const seeded = await seedForManagers(server, async (store, { network, tablet, workers }) => {
      await recordConversations(store, network.id, tablet, workers.amina.id, [
        makeConversation({
          wardCode: 'E05011385',
          quotes: [
            { text: 'We need jobs here', consentToQuote: true },
            { text: 'Not for quoting', consentToQuote: false }
          ],
          followUp: { wanted: true, contact: '0113 496 0000' },
          equality: { ageBand: '25-34' }
        })
      ]);
    });
    await page.setViewportSize(viewport);
    const at = `at ${viewport.width}px`;

    for (const person of [seeded.people.coordinator, seeded.people.lead]) {
      await signInAs(page.context(), person, server.url);
      const who = `${person.role} ${at}`;
      const workers = new WorkersPage(page);
      await workers.open();
      await expectNoViolations(page, `workers, ${who}`);
      await workers.add({ name: '', pin: '12' });
      await expect(workers.errorSummary).toBeVisible();
      await expectNoViolations(page, `workers with errors, ${who}`);
      await page.getByRole('button', { name: 'Set a new PIN for Amina' }).click();
      await expectNoViolations(page, `workers, setting a PIN, ${who}`);
      await page.getByRole('button', { name: 'Remove Ben', exact: true }).click();
      await expectNoViolations(page, `workers, confirming a removal, ${who}`);

      const tablets = new TabletsPage(page);
      await tablets.open();
      await expectNoViolations(page, `tablets, ${who}`);
      await page.getByRole('button', { name: 'Report lost – Tablet 1', exact: true }).click();
      await expectNoViolations(page, `tablets, confirming lost, ${who}`);
      await tablets.makeEnrolment('');
      await expect(tablets.errorSummary).toBeVisible();
      await expectNoViolations(page, `tablets with errors, ${who}`);
      await tablets.makeEnrolment('Tablet 3', person.role === 'coordinator' ? 'Armley Community Centre' : undefined);
      await expect(tablets.enrolment).toBeVisible();
      await expectNoViolations(page, `tablets, enrolment code, ${who}`);

      await page.goto('/records');
      await expect(page.getByRole('article')).toHaveCount(1);
      await expectNoViolations(page, `conversations, ${who}`);
    }
  });
}
