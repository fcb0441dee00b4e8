import { expect, type Page } from '@playwright/test';

export interface ConversationInput {
  ward: string;
  loves?: string;
  wouldChange?: string;
  quotes?: { text: string; consent: boolean }[];
  themes?: string[];
  people?: number;
  equality?: Record<string, string>;
  followUp?: string;
}

export const LOVES = 'What do you love about where you live?';
export const WOULD_CHANGE = 'What would you change?';
const CONSENT = 'The resident agrees to this conversation being recorded';

/** The capture page, driven as a community worker would. */
export class CapturePage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Record a conversation' });
  }

  get waiting() {
    return this.page.getByTestId('waiting-count');
  }

  /** Consent first: nothing else of the form shows until it is given. */
  async giveConsent() {
    await this.page.getByLabel(CONSENT).check();
  }

  /** The ward shown once chosen, as "Ward: Armley (Leeds)", with its Change button. */
  get chosenWard() {
    return this.page.locator('#ward-chosen');
  }

  async chooseWard(ward: string) {
    if (await this.chosenWard.isVisible()) await this.page.getByRole('button', { name: 'Change ward' }).click();
    await this.page.getByLabel('Search wards').fill(ward);
    await this.page.getByLabel('Ward', { exact: true }).selectOption({ label: `${ward} (Leeds)` });
  }

  async fill(conversation: ConversationInput) {
    const { page } = this;
    await this.giveConsent();
    await this.chooseWard(conversation.ward);
    if (conversation.loves !== undefined) await page.getByLabel(LOVES).fill(conversation.loves);
    if (conversation.wouldChange !== undefined) await page.getByLabel(WOULD_CHANGE).fill(conversation.wouldChange);
    for (const [index, quote] of (conversation.quotes ?? []).entries()) {
      await page.getByRole('button', { name: index === 0 ? 'Add a quote' : 'Add another quote' }).click();
      await page.getByLabel(`Quote ${index + 1}`, { exact: true }).fill(quote.text);
      await page.getByLabel(`They agree to be quoted (quote ${index + 1})`).setChecked(quote.consent);
    }
    for (const theme of conversation.themes ?? []) await page.getByLabel(theme).check();
    if (conversation.people !== undefined) await page.getByLabel('Number of people in the conversation').fill(String(conversation.people));
    if (conversation.equality) {
      const section = page.locator('details').filter({ hasText: 'Equality monitoring (optional)' });
      if (!(await section.evaluate((details: HTMLDetailsElement) => details.open))) {
        await page.getByText('Equality monitoring (optional)').click();
      }
      for (const [question, answer] of Object.entries(conversation.equality)) {
        await page.getByRole('group', { name: question, exact: true }).getByLabel(answer, { exact: true }).check();
      }
    }
    if (conversation.followUp !== undefined) {
      await page.getByLabel('They would like someone to get back to them').check();
      await page.getByLabel('How should we contact them?').fill(conversation.followUp);
    }
  }

  /**
   * Saves, and waits for the form to be cleared for the next resident and the confirmation naming
   * the ward it was saved under. The last save's confirmation can still be fading out with the
   * same words, so the words alone do not say this save is done.
   */
  async save(ward?: string) {
    await this.page.getByRole('button', { name: 'Save conversation' }).click();
    await expect(this.page.getByLabel(CONSENT)).not.toBeChecked();
    await expect(this.page.getByText(ward ? `Saved on this device under ${ward}.` : /^Saved on this device under /).last()).toBeVisible();
  }

  async record(conversation: ConversationInput) {
    await this.fill(conversation);
    await this.save(conversation.ward);
  }
}
