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

  /** A point of the ward on screen that no other ward or label covers (its box's centre may not be). */
  async pointIn(code: string) {
    await this.page.locator('.ward-map').scrollIntoViewIfNeeded();
    const point = await this.ward(code).evaluate((path) => {
      const box = path.getBoundingClientRect();
      for (let y = box.top + 2; y < box.bottom; y += 3) {
        for (let x = box.left + 2; x < box.right; x += 3) {
          // Well inside: a finger's tap near an edge may be taken as a tap on the neighbour.
          if ([[0, 0], [-6, 0], [6, 0], [0, -6], [0, 6]].every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === path)) return { x, y };
        }
      }
      return null;
    });
    if (!point) throw new Error(`No visible point of ward ${code}`);
    return point;
  }

  /** Moves the mouse onto the ward. */
  async pointAt(code: string) {
    const point = await this.pointIn(code);
    await this.page.mouse.move(point.x, point.y);
    return point;
  }

  /** Taps the ward with a finger (the page needs `hasTouch`). */
  async tap(code: string) {
    const point = await this.pointIn(code);
    await this.page.touchscreen.tap(point.x, point.y);
  }

  /** The panel a tap on a ward opens, with its figures and a link to its page. */
  get wardPanel() {
    return this.page.getByTestId('ward-panel');
  }

  /** The ward names drawn on the map where they fit. */
  get labels() {
    return this.page.locator('.ward-label-text');
  }

  /** Waits until the ward names are placed for the map's current view (they are placed after the wards are drawn, a few at a time). */
  async labelsPlaced() {
    await expect(this.page.locator('.leaflet-ward-labels-pane[data-labels="placed"]')).toBeAttached();
  }

  /** The credits under the map (ONS's, and the tile server's). */
  get credit() {
    return this.page.locator('.map-credit');
  }

  get legend() {
    return this.page.locator('.map-legend');
  }

  /** The map's box, and the box of all its wards together, on screen. */
  async boxes() {
    return this.page.evaluate(() => {
      const map = document.querySelector('.ward-map')!.getBoundingClientRect();
      const wards = [...document.querySelectorAll('path[data-ward-code]')].map((p) => p.getBoundingClientRect());
      const union = {
        left: Math.min(...wards.map((w) => w.left)),
        top: Math.min(...wards.map((w) => w.top)),
        right: Math.max(...wards.map((w) => w.right)),
        bottom: Math.max(...wards.map((w) => w.bottom))
      };
      return { map: { left: map.left, top: map.top, right: map.right, bottom: map.bottom, width: map.width, height: map.height }, wards: union };
    });
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
