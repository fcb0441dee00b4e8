import { expect, type Page } from '@playwright/test';
import { fillDate } from './date-input';

type DateBoxes = { day: string; month: string; year: string };

export class AuditPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  }

  /** The entries shown, as rows of [when, who, action, subject, details]. */
  rows() {
    return this.page.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** Dates as ISO dates ('2026-07-01' is typed as 1, 7, 2026), or as the three boxes are to be typed. */
  async filter(values: { action?: string; who?: string; from?: string | DateBoxes; to?: string | DateBoxes }) {
    if (values.action !== undefined) await this.page.getByLabel('Action').selectOption({ label: values.action });
    if (values.who !== undefined) await this.page.getByLabel('Who or what').fill(values.who);
    if (values.from !== undefined) await fillDate(this.page, 'From', values.from);
    if (values.to !== undefined) await fillDate(this.page, 'To', values.to);
    await this.page.getByRole('button', { name: 'Show entries' }).click();
  }
}
