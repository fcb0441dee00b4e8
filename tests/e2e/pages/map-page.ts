import { expect, type Page } from '@playwright/test';

export class MapPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Ward map' });
  }

  /** The line saying how many conversations the view counts, and how fresh the figures are. */
  get status() {
    return this.page.getByTestId('map-status');
  }

  get table() {
    return this.page.getByRole('table');
  }

  async open(search = '') {
    await this.page.goto(`/map${search}`);
    await expect(this.heading).toBeVisible();
  }

  /** A ward's shape on the map, by its ONS code. */
  ward(code: string) {
    return this.page.locator(`path[data-ward-code="${code}"]`);
  }

  /** Moves the mouse onto a point of the ward that no other ward covers (its box's centre may not be). */
  async pointAt(code: string) {
    const point = await this.ward(code).evaluate((path) => {
      const box = path.getBoundingClientRect();
      for (let y = box.top + 2; y < box.bottom; y += 3) {
        for (let x = box.left + 2; x < box.right; x += 3) {
          if (document.elementFromPoint(x, y) === path) return { x, y };
        }
      }
      return null;
    });
    if (!point) throw new Error(`No visible point of ward ${code}`);
    await this.page.mouse.move(point.x, point.y);
    return point;
  }

  /** The tooltip now open on the map. */
  get tooltip() {
    return this.page.locator('.leaflet-tooltip');
  }

  async chooseTheme(name: string) {
    await this.page.getByLabel('Theme', { exact: true }).selectOption({ label: name });
  }

  /** The table row of a ward as { column header: cell text }, or null when the table leaves it out. */
  async row(ward: string): Promise<Record<string, string> | null> {
    const headers = (await this.table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼↕]/g, '').trim());
    const row = this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: ward, exact: true }) });
    if ((await row.count()) === 0) return null;
    const cells = await row.locator('th, td').allInnerTexts();
    return Object.fromEntries(headers.map((header, i) => [header, cells[i]?.trim()]));
  }

  /** Ward names down the table, in the order shown. */
  rowNames(): Promise<string[]> {
    return this.table.getByRole('rowheader').allInnerTexts();
  }
}
