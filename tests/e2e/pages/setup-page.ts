import { expect, type Page } from '@playwright/test';
import { WARD_FILES } from '../../support/shared-data';

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

  /** Sets up the Leeds Anchor Network from the real Leeds boundaries, as a coordinator would, and lands on capture. */
  static async leeds(page: Page): Promise<void> {
    const setup = new SetupPage(page);
    await setup.open();
    await setup.submit({ name: 'Leeds Anchor Network', wardsFile: WARD_FILES.leeds });
    await expect(page.getByRole('heading', { name: 'Record a conversation' })).toBeVisible();
  }
}
