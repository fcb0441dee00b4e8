import { expect, type Page } from '@playwright/test';
import { followMenuLink } from './main-menu';

/** Settings › Ward indicators, where a coordinator uploads figures per ward. */
export class IndicatorsPage {
  constructor(readonly page: Page) {}

  /** Opens it from the settings page, as a coordinator finds it. */
  async open() {
    await followMenuLink(this.page, 'Settings');
    await this.page.getByRole('link', { name: 'Ward indicators' }).click();
    await expect(this.page.getByRole('heading', { name: 'Ward indicators', level: 1 })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  get status() {
    return this.page.getByRole('region', { name: 'Your indicators' }).getByRole('status');
  }

  async chooseFile(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('CSV file').setInputFiles(file);
  }

  async upload(values: { name?: string; file?: string | { name: string; mimeType: string; buffer: Buffer }; source?: string }) {
    if (values.name !== undefined) await this.page.getByLabel('Indicator name').fill(values.name);
    if (values.file) await this.chooseFile(values.file);
    if (values.source !== undefined) await this.page.getByLabel('Source (optional)').fill(values.source);
    await this.page.getByRole('button', { name: 'Upload indicator' }).click();
  }
}
