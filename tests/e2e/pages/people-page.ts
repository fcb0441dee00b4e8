import { expect, type Page } from '@playwright/test';

type Role = 'Coordinator' | 'Organisation lead' | 'Anchor staff';

/** Settings › People, as a coordinator uses it. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/settings/people');
    await expect(this.page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** The message a change announces. */
  get notice() {
    return this.page.getByRole('status').filter({ has: this.page.locator('.notice-success') });
  }

  async invite(values: { email: string; role?: Role; organisation?: string }) {
    const form = this.page.getByRole('region', { name: 'Invite someone' });
    await form.getByLabel('Email address').fill(values.email);
    if (values.role) await form.getByRole('radio', { name: values.role }).check();
    if (values.organisation) await form.getByLabel('Organisation', { exact: true }).selectOption({ label: values.organisation });
    await form.getByRole('button', { name: 'Invite' }).click();
  }

  /** The link just made, shown to copy. */
  async shownLink(kind: 'Invitation link' | 'Password reset link', email: string): Promise<string> {
    const field = this.page.getByRole('textbox', { name: `${kind} for ${email}` });
    await expect(field).toBeVisible();
    return field.inputValue();
  }

  /** One person's entry in the list. */
  person(name: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name, level: 3 }) });
  }

  /** Opens a person's actions. */
  async manage(name: string) {
    const person = this.person(name);
    if ((await person.locator('details').getAttribute('open')) === null) await person.getByText(`Manage ${name}`).click();
    return person;
  }

  async changeRole(name: string, role: Role, organisation?: string) {
    const person = await this.manage(name);
    await person.getByRole('radio', { name: role }).check();
    await person.getByLabel('Organisation', { exact: true }).selectOption(organisation ? { label: organisation } : { value: '' });
    await person.getByRole('button', { name: `Save role for ${name}` }).click();
  }

  async press(name: string, button: RegExp | string) {
    const person = await this.manage(name);
    await person.getByRole('button', { name: button }).click();
  }
}
