import { expect, type Page } from '@playwright/test';

export class AccountPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/account');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Your account', level: 1 });
  }

  /** The value beside a term of the summary, e.g. 'Role'. */
  detail(term: string) {
    return this.page.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  async signOutEverywhere() {
    await this.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  }

  async changePassword(current: string, password: string, again = password) {
    await this.page.getByLabel('Current password').fill(current);
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.page.getByLabel('New password again').fill(again);
    await this.page.getByRole('button', { name: 'Change password' }).click();
  }
}
