import { expect, type Page } from '@playwright/test';

/** The Conversations page (/records) a coordinator or lead reads. */
export class RecordsPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/records${query}`);
    await expect(this.page.getByRole('heading', { name: 'Conversations', level: 1 })).toBeVisible();
  }

  get records() {
    return this.page.getByRole('article');
  }

  /** The conversation whose words include `text`. */
  record(text: string) {
    return this.records.filter({ hasText: text });
  }

  /** A field of a record, as "name: value" reads in its description list. */
  field(record: ReturnType<RecordsPage['record']>, name: string) {
    return record.locator('.fields > div').filter({ has: this.page.locator('dt', { hasText: name }) }).locator('dd');
  }
}
