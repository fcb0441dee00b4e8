import { expect, type Page } from '@playwright/test';

/** Settings › Tablets (/settings/devices), as a coordinator or lead uses it. */
export class TabletsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/settings/devices');
    await expect(this.page.getByRole('heading', { name: 'Tablets', level: 1 })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  saved(text: string) {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async makeEnrolment(label: string, organisation?: string) {
    if (organisation) await this.page.getByLabel('Organisation', { exact: true }).selectOption({ label: organisation });
    await this.page.getByLabel('Name for the tablet').fill(label);
    await this.page.getByRole('button', { name: 'Make an enrolment code' }).click();
  }

  get enrolment() {
    return this.page.getByRole('region', { name: /^Enrol “/ });
  }

  /** The enrolment code shown in large text. */
  async code(): Promise<string> {
    return (await this.enrolment.locator('.code').innerText()).trim();
  }

  /** A tablet's entry in the list, by its name. */
  tablet(label: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: label, exact: true, level: 3 }) });
  }

  /** Every listed tablet's name, in order. */
  labels() {
    return this.page.locator('.tablet h3').allInnerTexts();
  }

  async retire(label: string) {
    await this.page.getByRole('button', { name: `Retire ${label}`, exact: true }).click();
    await this.page.getByRole('button', { name: `Yes, retire ${label}` }).click();
  }

  async reportLost(label: string) {
    await this.page.getByRole('button', { name: `Report lost – ${label}`, exact: true }).click();
    await this.page.getByRole('button', { name: `Yes, report ${label} lost` }).click();
  }
}
