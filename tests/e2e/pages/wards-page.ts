import { expect, type Page } from '@playwright/test';

export class WardsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/wards');
    await expect(this.page.getByRole('heading', { name: 'Conversations by ward' })).toBeVisible();
  }

  /** The table row of a ward as { column header: cell text }. */
  async row(ward: string): Promise<Record<string, string>> {
    const table = this.page.getByRole('table');
    const headers = await table.getByRole('columnheader').allInnerTexts();
    const cells = await table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: ward, exact: true }) }).locator('th, td').allInnerTexts();
    return Object.fromEntries(headers.map((header, i) => [header.trim(), cells[i]?.trim()]));
  }
}
