import { expect, type Page } from '@playwright/test';

export interface ConversationInput {
  ward: string;
  loves: string;
  wouldChange?: string;
  quote?: { text: string; consent: boolean };
  themes: string[];
}

export class CapturePage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Record a conversation' });
  }

  get waiting() {
    return this.page.getByTestId('waiting-count');
  }

  async record(conversation: ConversationInput) {
    const { page } = this;
    await page.getByLabel('Search wards').fill(conversation.ward);
    await page.getByLabel('Ward', { exact: true }).selectOption({ label: `${conversation.ward} (Leeds)` });
    await page.getByLabel('What do they love about where they live?').fill(conversation.loves);
    await page.getByLabel('What would they change?').fill(conversation.wouldChange ?? '');
    if (conversation.quote) {
      await page.getByLabel('A quote in their words (optional)').fill(conversation.quote.text);
      await page.getByLabel('They agree to be quoted').setChecked(conversation.quote.consent);
    }
    for (const theme of conversation.themes) await page.getByLabel(theme).check();
    await page.getByLabel('The resident agrees to this conversation being recorded').check();
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await expect(page.getByText('Saved on this device.')).toBeVisible();
  }
}
