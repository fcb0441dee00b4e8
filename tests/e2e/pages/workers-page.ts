import { expect, type Page } from '@playwright/test';

/** Settings › Workers, as a coordinator or lead uses it. */
export class WorkersPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/settings/workers${query}`);
    await expect(this.page.getByRole('heading', { name: 'Workers', level: 1 })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  saved(text: string) {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  /** A worker's entry in the list. */
  worker(name: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Every listed worker's name. */
  names() {
    return this.page.locator('.worker-name').allInnerTexts();
  }

  async add(worker: { name: string; pin?: string; organisation?: string }) {
    if (worker.organisation) await this.page.getByLabel('Organisation', { exact: true }).selectOption({ label: worker.organisation });
    await this.page.getByLabel('Name', { exact: true }).fill(worker.name);
    await this.page.getByLabel('PIN (optional)').fill(worker.pin ?? '');
    await this.page.getByRole('button', { name: 'Add worker' }).click();
  }

  async setPin(name: string, pin: string) {
    await this.page.getByRole('button', { name: `Set a new PIN for ${name}` }).click();
    await this.page.getByLabel(`New PIN for ${name}`).fill(pin);
    await this.page.getByRole('button', { name: 'Set PIN', exact: true }).click();
  }

  /** Asks to remove a worker; the confirmation is then shown. */
  async askToRemove(name: string) {
    await this.page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  }

  confirmRemove(name: string) {
    return this.page.getByRole('button', { name: `Yes, remove ${name}` }).click();
  }
}
