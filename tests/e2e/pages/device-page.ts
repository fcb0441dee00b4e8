import { expect, type Page } from '@playwright/test';

/** The "This device" page: a summary list of what the tablet keeps and when it last synced. */
export class DevicePage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'This device' });
  }

  async openFromMenu() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'This device' }).click();
    await expect(this.heading).toBeVisible();
  }

  /** The value shown beside a key of the summary list, e.g. value('Online'). */
  value(key: string) {
    return this.page.getByRole('term').filter({ hasText: new RegExp(`^${key}$`) }).locator('..').getByRole('definition');
  }
}
