import { expect, type Page } from '@playwright/test';

export class SignInPage {
  constructor(readonly page: Page) {}

  async open(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Sign in', level: 1 });
  }

  get email() {
    return this.page.getByLabel('Email address');
  }

  get password() {
    return this.page.getByLabel('Password', { exact: true });
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await answered;
    // The page has taken in the answer: it went on, or shows why not and takes the next attempt.
    await expect(this.page.getByRole('button', { name: 'Signing in…' })).toHaveCount(0);
  }
}
