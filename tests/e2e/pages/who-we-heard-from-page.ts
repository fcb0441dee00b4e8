import { expect, type Page } from '@playwright/test';
import { followMenuLink } from './main-menu';

/** "Who we heard from": equality answers as totals, small counts hidden. */
export class WhoWeHeardFromPage {
  constructor(readonly page: Page) {}

  async open() {
    await followMenuLink(this.page, 'Who we heard from');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Who we heard from', level: 1 });
  }

  get showing() {
    return this.page.getByRole('status').filter({ hasText: 'Figures for' });
  }

  /** One question's table, by its caption. */
  table(question: string) {
    const escaped = question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.getByRole('table', { name: new RegExp(`^${escaped}.*: conversations by answer`) });
  }

  /** The figure of an answer's row, in the table's first figure column. */
  async figure(question: string, answer: string): Promise<string> {
    return (await this.table(question).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: answer, exact: true }) }).getByRole('cell').first().innerText()).trim();
  }

  /** Every figure in every table, as written. */
  async allFigures(): Promise<string[]> {
    return (await this.page.locator('table td').allInnerTexts()).map((text) => text.trim());
  }

  /** Every figure is either hidden as "fewer than `threshold`" or a count of at least `threshold`; how many were hidden. */
  async expectNoSmallCounts(threshold: number): Promise<number> {
    const figures = await this.allFigures();
    expect(figures.length).toBeGreaterThan(0);
    const small = figures.filter((text) => text !== `fewer than ${threshold}` && !(/^[0-9,]+$/.test(text) && Number(text.replaceAll(',', '')) >= threshold));
    expect(small, `figures below ${threshold} or not figures at all`).toEqual([]);
    return figures.filter((text) => text === `fewer than ${threshold}`).length;
  }
}
