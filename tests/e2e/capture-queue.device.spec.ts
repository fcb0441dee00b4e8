import type { Page } from '@playwright/test';
import type { Conversation } from '../../src/lib/domain/conversation';
import { readDeviceStore } from './device';
import { expect, test } from './fixtures';
import { expectNoViolations } from './axe';
import { CapturePage, LOVES, WOULD_CHANGE } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

/** Issue 12, point 1 and 2: a queue of residents at an event, on a phone and on a tablet. */
const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'tablet', viewport: { width: 1024, height: 768 } }
];
const CONSENT = 'The resident agrees to this conversation being recorded';
const summary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

for (const size of SIZES) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });
    test.beforeEach(async ({ page, server }) => {
      await SetupPage.leeds(page, server);
    });

    test('nothing but the privacy notice and consent shows until consent is given', async ({ page }) => {
      const form = page.locator('form.conversation-form');
      await expect(page.getByText('Read this to the resident before you start:')).toBeVisible();
      await expect(page.getByLabel(CONSENT)).not.toBeChecked();
      // The notice comes before the tick box, and the tick box is the form's only control.
      await expect(form.locator('input, select, textarea, button')).toHaveCount(1);
      await expect(page.getByLabel('Search wards')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Save conversation' })).toHaveCount(0);
      await expect(page.getByLabel(CONSENT)).toHaveAccessibleDescription(/Once they agree, tick this and the questions appear below/);

      await page.getByLabel(CONSENT).check();
      await expect(page.getByLabel(CONSENT)).toBeFocused(); // focus stays put; Tab goes on into the questions
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('Search wards')).toBeFocused();
      await expect(page.getByLabel(LOVES)).toBeVisible();
    });

    test('a chosen ward shows as one line, and Change opens the list again', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.giveConsent();
      await page.getByLabel('Search wards').fill('Armley');
      // A tap on a ward chooses it: the list closes, and focus is on Change.
      await page.getByRole('option', { name: 'Armley (Leeds)' }).click();
      await expect(capture.chosenWard).toContainText('Ward: Armley');
      await expect(page.getByLabel('Search wards')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Change ward' })).toBeFocused();
      await page.getByRole('button', { name: 'Change ward' }).click();
      await expect(page.getByLabel('Search wards')).toBeFocused();
      await expect(page.getByLabel('Ward', { exact: true })).toHaveValue('E05011385');
      await capture.chooseWard('Headingley & Hyde Park');
      await page.getByLabel(LOVES).click();
      await expect(capture.chosenWard).toContainText('Ward: Headingley & Hyde Park');
    });

    test('after a save the next resident starts with an empty ward, no consent and nothing said; the event is kept', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.giveConsent();
      const events = await page.getByLabel('Listening event').locator('option').allTextContents();
      const event = events.find((e) => e !== 'Not at an event');
      if (event) await page.getByLabel('Listening event').selectOption({ label: event });
      await capture.record({
        ward: 'Armley',
        loves: 'The canal',
        quotes: [{ text: 'Jobs here', consent: true }],
        themes: ['Tackling Health Inequalities'],
        equality: { Age: '25 to 34' },
        followUp: 'Pat, 0113 496 0000'
      });
      await expect(page.getByLabel(CONSENT)).not.toBeChecked();
      await expect(page.getByLabel(LOVES)).toHaveCount(0);
      await capture.giveConsent();
      await expect(page.getByLabel('Search wards')).toHaveValue('');
      await expect(page.getByLabel('Ward', { exact: true })).toHaveValue('');
      await expect(page.getByLabel(LOVES)).toHaveValue('');
      await expect(page.getByLabel(WOULD_CHANGE)).toHaveValue('');
      await expect(page.getByLabel('Quote 1', { exact: true })).toHaveCount(0);
      await expect(page.getByLabel('Tackling Health Inequalities')).not.toBeChecked();
      await expect(page.getByLabel('They would like someone to get back to them')).not.toBeChecked();
      await page.getByText('Equality monitoring (optional)').click();
      await expect(page.getByRole('group', { name: 'Age', exact: true }).getByLabel('Not asked')).toBeChecked();
      if (event) await expect(page.getByLabel('Listening event')).toHaveValue(/.+/);
    });

    test('the confirmation names the ward it was saved under and goes on the next change', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.record({ ward: 'Headingley & Hyde Park', loves: 'The cricket' });
      const notice = page.getByRole('status').filter({ hasText: 'Saved on this device under Headingley & Hyde Park.' });
      await expect(notice).toBeFocused();
      await capture.giveConsent();
      await expect(notice).toHaveCount(0);
    });

    test('an error clears from the summary and beside its field as soon as it is fixed', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.giveConsent();
      await page.getByRole('button', { name: 'Save conversation' }).click();
      await expect(summary(page)).toBeFocused();
      await expect(summary(page).getByRole('link')).toHaveText([
        'Choose the ward the resident lives in',
        'Add at least one answer, quote or theme before saving'
      ]);
      await page.getByLabel(LOVES).fill('The park');
      await expect(summary(page).getByRole('link')).toHaveText(['Choose the ward the resident lives in']);
      await expect(page.locator(`[id$="-error"]`).filter({ hasText: 'Add at least one answer' })).toHaveCount(0);
      await expect(page.getByLabel(LOVES)).toBeFocused(); // the summary did not take focus back
      await capture.chooseWard('Armley');
      await expect(summary(page)).toHaveCount(0);
      await expect(page.locator('#ward-error')).toHaveCount(0);
    });

    test('a conversation with no answer, quote or theme is not saved', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.fill({ ward: 'Armley', loves: '   ' });
      await page.getByRole('button', { name: 'Save conversation' }).click();
      await expect(summary(page)).toContainText('Add at least one answer, quote or theme before saving');
      await summary(page).getByRole('link', { name: 'Add at least one answer, quote or theme before saving' }).click();
      await expect(page.getByLabel(LOVES)).toBeFocused();
      await expect(page.getByLabel(LOVES)).toHaveAccessibleDescription(/Add at least one answer, quote or theme before saving/);
      expect(await readDeviceStore(page, 'conversations')).toHaveLength(0);
      // A theme alone is enough.
      await page.getByLabel('Tackling Health Inequalities').check();
      await capture.save('Armley');
      expect(await readDeviceStore<Conversation>(page, 'conversations')).toHaveLength(1);
    });

    test('Save stays on screen, and never covers the field being typed in', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.fill({ ward: 'Armley' });
      const save = page.getByRole('button', { name: 'Save conversation' });
      await page.getByLabel(LOVES).focus();
      await expect(save).toBeInViewport();
      // Tab through every control of the form: each one focused is in view and not under the Save bar.
      const viewportHeight = size.viewport.height;
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const r = element.getBoundingClientRect();
          const bar = document.querySelector('.save-bar')!.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, barTop: bar.top, inBar: !!element.closest('.save-bar'), tag: element.tagName };
        });
        await expect(save).toBeInViewport();
        if (focused.inBar) break;
        expect(focused.bottom, `${focused.tag} is above the Save bar`).toBeLessThanOrEqual(focused.barTop + 1);
        expect(focused.bottom).toBeLessThanOrEqual(viewportHeight + 1);
      }
    });

    test('equality questions are radios, one fieldset each, with Prefer not to say', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.giveConsent();
      await page.getByText('Equality monitoring (optional)').click();
      const section = page.locator('details').filter({ hasText: 'Equality monitoring (optional)' });
      await expect(section.locator('select')).toHaveCount(0);
      for (const question of ['Age', 'Sex', 'Ethnic group']) {
        const group = page.getByRole('group', { name: question, exact: true });
        await expect(group.getByRole('radio', { name: 'Not asked' })).toBeChecked();
        await expect(group.getByRole('radio', { name: 'Prefer not to say' })).toBeVisible();
      }
      await page.getByRole('group', { name: 'Sex', exact: true }).getByRole('radio', { name: 'Prefer not to say' }).check();
      await capture.fill({ ward: 'Armley', loves: 'The park' });
      await capture.save('Armley');
      // Sealed on the tablet (issue 13): the answer is read where it arrives, by the coordinator.
      const [saved] = await readDeviceStore<{ equality: object }>(page, 'conversations');
      expect(saved.equality).toHaveProperty('sealed');
      await expect(capture.waiting).toHaveText('All synced');
      await page.goto('/records');
      await expect(page.getByRole('article').filter({ hasText: 'The park' })).toContainText('Prefer not to say');
    });

    test('every control of the form is at least 44 px', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.giveConsent();
      await page.getByText('Equality monitoring (optional)').click();
      await page.getByLabel('They would like someone to get back to them').check();
      await page.getByRole('button', { name: 'Add a quote' }).click();
      const small = await page.evaluate(() => {
        const tooSmall: string[] = [];
        const box = (element: Element) => element.getBoundingClientRect();
        const form = document.querySelector('form.conversation-form')!;
        for (const control of form.querySelectorAll('input, select, textarea, button, a, summary')) {
          const input = control as HTMLInputElement;
          // A tick box or radio is tapped by its label too: the two together are the target.
          const label = input.labels?.[0];
          const rect = ['checkbox', 'radio'].includes(input.type) && label ? box(label.closest('.checkbox, .radio') ?? label) : box(control);
          if (rect.height < 44 || rect.width < 44) tooSmall.push(`${control.tagName} ${input.id || control.textContent?.trim()}: ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        }
        // Each ward in the list.
        for (const option of form.querySelectorAll('select[size] option')) {
          const rect = box(option);
          if (rect.height > 0 && rect.height < 44) tooSmall.push(`ward ${option.textContent}: ${Math.round(rect.height)} high`);
        }
        return tooSmall;
      });
      expect(small).toEqual([]);
      await capture.chooseWard('Armley');
      await page.getByLabel(LOVES).click();
      const change = await page.getByRole('button', { name: 'Change ward' }).boundingBox();
      expect(change!.height).toBeGreaterThanOrEqual(44);
      expect(change!.width).toBeGreaterThanOrEqual(44);
    });

    test('the draft offer names the ward, the first words and when it was last changed', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.fill({ ward: 'Armley', loves: 'The canal towpath on a sunny morning, with the herons and the narrowboats going by slowly' });
      await expect.poll(async () => (await readDeviceStore<{ values: { answers: Record<string, string> } }>(page, 'drafts'))[0]?.values.answers).not.toEqual({});
      await page.reload();
      const offer = page.getByRole('region', { name: 'You have an unfinished conversation' });
      await expect(offer).toContainText('Ward: Armley');
      await expect(offer).toContainText('It begins: “The canal towpath on a sunny morning, with the herons and the…”');
      await expect(offer).toContainText(/Last changed today at \d\d:\d\d\./);
    });

    test('discarding a draft asks first; No keeps it and Yes starts a new one', async ({ page }) => {
      const capture = new CapturePage(page);
      await capture.fill({ ward: 'Armley', loves: 'Keep me' });
      await expect.poll(async () => (await readDeviceStore(page, 'drafts')).length).toBe(1);
      await expect.poll(async () => (await readDeviceStore<{ values: { answers: Record<string, string> } }>(page, 'drafts'))[0]?.values.answers).not.toEqual({});
      await page.reload();
      await page.getByRole('button', { name: 'Discard it and start a new one' }).click();
      await expect(page.getByText('Discard this conversation in Armley? What was written in it cannot be got back.')).toBeFocused();
      await page.getByRole('button', { name: 'No, keep it' }).click();
      await expect(page.getByRole('button', { name: 'Discard it and start a new one' })).toBeFocused();
      expect(await readDeviceStore(page, 'drafts')).toHaveLength(1);
      await page.getByRole('button', { name: 'Discard it and start a new one' }).click();
      await page.getByRole('button', { name: 'Yes, discard it' }).click();
      await expect(page.getByLabel(CONSENT)).not.toBeChecked();
      await expect.poll(async () => (await readDeviceStore<{ values: { answers: Record<string, string> } }>(page, 'drafts'))[0]?.values.answers ?? {}).toEqual({});
    });

    test('axe finds no WCAG 2.2 AA violations on the capture page at each step', async ({ page }) => {
      const capture = new CapturePage(page);
      await expectNoViolations(page, 'before consent');
      await capture.giveConsent();
      await page.getByText('Equality monitoring (optional)').click();
      await page.getByRole('button', { name: 'Add a quote' }).click();
      await expectNoViolations(page, 'consent given, every section open');
      await page.getByRole('button', { name: 'Save conversation' }).click();
      await expect(summary(page)).toBeVisible();
      await expectNoViolations(page, 'with errors');
      await capture.fill({ ward: 'Armley', loves: 'The canal' });
      await page.getByLabel(LOVES).click();
      await expectNoViolations(page, 'ward chosen');
      await expect.poll(async () => (await readDeviceStore<{ values: { answers: Record<string, string> } }>(page, 'drafts'))[0]?.values.answers).not.toEqual({});
      await page.reload();
      await page.getByRole('button', { name: 'Discard it and start a new one' }).click();
      await expectNoViolations(page, 'asking before discarding a draft');
      await page.getByRole('button', { name: 'No, keep it' }).click();
      await page.getByRole('button', { name: 'Continue it' }).click();
      await capture.save('Armley');
      await expectNoViolations(page, 'after a save');
    });
  });
}
