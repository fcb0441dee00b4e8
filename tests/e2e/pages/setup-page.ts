import { expect, type Page } from '@playwright/test';

export class SetupPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Set up your network' })).toBeVisible();
  }

  async submit(values: { name?: string; wardsFile?: string | { name: string; mimeType: string; buffer: Buffer } }) {
    if (values.name !== undefined) await this.page.getByLabel('Network name').fill(values.name);
    if (values.wardsFile) await this.page.getByLabel('Ward boundaries').setInputFiles(values.wardsFile);
    await this.page.getByRole('button', { name: 'Set up network' }).click();
  }
}
