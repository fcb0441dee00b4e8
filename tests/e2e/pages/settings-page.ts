import { expect, type Page } from '@playwright/test';
import { fillDate } from './date-input';
import { followMenuLink } from './main-menu';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open() {
    await followMenuLink(this.page, 'Settings');
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

  /** The date as an ISO date ('2026-11-24', typed as 24, 11, 2026) or as the three boxes are to be typed. */
  async addEvent(event: { name: string; date: string | { day: string; month: string; year: string }; place?: string }) {
    await this.page.getByLabel('Event name').fill(event.name);
    await fillDate(this.page, 'Date', event.date);
    await this.page.getByLabel('Place (optional)').fill(event.place ?? '');
    await this.page.getByRole('button', { name: 'Add event' }).click();
  }

  async addOrganisation(name: string) {
    await this.page.getByLabel('Organisation name').fill(name);
    await this.page.getByRole('button', { name: 'Add organisation' }).click();
  }
}
