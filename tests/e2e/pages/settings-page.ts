import { expect, type Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Network settings', level: 1 })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** The success message a save announces. */
  saved(text: string) {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  prompt(n: number) {
    return this.page.getByRole('textbox', { name: `Prompt ${n}`, exact: true });
  }

  async addEvent(event: { name: string; date: string; place?: string }) {
    await this.page.getByLabel('Event name').fill(event.name);
    await this.page.getByLabel('Date', { exact: true }).fill(event.date);
    await this.page.getByLabel('Place (optional)').fill(event.place ?? '');
    await this.page.getByRole('button', { name: 'Add event' }).click();
  }

  async addOrganisation(name: string) {
    await this.page.getByLabel('Organisation name').fill(name);
    await this.page.getByRole('button', { name: 'Add organisation' }).click();
  }
}
