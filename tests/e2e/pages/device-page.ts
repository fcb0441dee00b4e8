import { expect, type Page } from '@playwright/test';
import { followMenuLink } from './main-menu';

/** The "This device" page: a summary list of what the tablet keeps and when it last synced. */
export class DevicePage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'This device' });
  }

  async openFromMenu() {
    await followMenuLink(this.page, 'This device');
    await expect(this.heading).toBeVisible();
  }

  /** The value shown beside a key of the summary list, e.g. value('Online'). */
  value(key: string) {
    return this.page.getByRole('term').filter({ hasText: new RegExp(`^${key}$`) }).locator('..').getByRole('definition');
  }
}
