import { expect, type Page } from '@playwright/test';

/** A ward's page, as anchor staff read it. */
export class WardPage {
  constructor(readonly page: Page) {}

  async open(code: string, name: string) {
    await this.page.goto(`/wards/${code}`);
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  /** A chart's rows as [label, figure, share?] from its table, e.g. the theme chart. */
  async chartRows(caption: string): Promise<string[][]> {
    const table = this.page.getByRole('table', { name: caption });
    await expect(table).toBeVisible();
    const rows = await table.getByRole('row').all();
    const cells = await Promise.all(rows.slice(1).map((row) => row.locator('th, td').allInnerTexts()));
    return cells.map((row) => row.map((cell) => cell.trim()));
  }

  get quotes() {
    return this.page.getByRole('region', { name: 'Quotes residents agreed to share' }).getByRole('listitem');
  }

  /** The figure and standing shown for an indicator. */
  indicator(name: string) {
    return this.page.locator(`xpath=//dt[normalize-space()="${name}"]/following-sibling::dd[1]`);
  }
}
