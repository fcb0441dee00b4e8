import { expect, type Page } from '@playwright/test';

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

  async filter(values: { action?: string; who?: string; from?: string; to?: string }) {
    if (values.action !== undefined) await this.page.getByLabel('Action').selectOption({ label: values.action });
    if (values.who !== undefined) await this.page.getByLabel('Who or what').fill(values.who);
    if (values.from !== undefined) await this.page.getByLabel('From').fill(values.from);
    if (values.to !== undefined) await this.page.getByLabel('To', { exact: true }).fill(values.to);
    await this.page.getByRole('button', { name: 'Show entries' }).click();
  }
}
