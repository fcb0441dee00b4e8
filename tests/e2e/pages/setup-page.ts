import { expect, type Page } from '@playwright/test';
import { WARD_FILES } from '../../support/shared-data';

type WardsFile = string | { name: string; mimeType: string; buffer: Buffer };

/** The first coordinator, as the Leeds set-up makes them. */
export const FIRST_COORDINATOR = { name: 'Cora Smith', email: 'cora@leeds-anchors.example', password: 'correct horse battery staple' };

export class SetupPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/setup');
    await expect(this.page.getByRole('heading', { name: 'Set up your network' })).toBeVisible();
  }

  get errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** Fills in what is given (the rest stays as it is) and submits. */
  async submit(values: {
    name?: string;
    wardsFile?: WardsFile;
    coordinator?: Partial<{ name: string; email: string; password: string; passwordAgain: string }>;
  }) {
    if (values.name !== undefined) await this.page.getByLabel('Network name').fill(values.name);
    if (values.wardsFile) await this.page.getByLabel('Ward boundaries').setInputFiles(values.wardsFile);
    const coordinator = values.coordinator ?? {};
    if (coordinator.name !== undefined) await this.page.getByLabel('Your name').fill(coordinator.name);
    if (coordinator.email !== undefined) await this.page.getByLabel('Your email address').fill(coordinator.email);
    if (coordinator.password !== undefined) await this.page.getByLabel('Password', { exact: true }).fill(coordinator.password);
    const again = coordinator.passwordAgain ?? coordinator.password;
    if (again !== undefined) await this.page.getByLabel('Password again').fill(again);
    await this.page.getByRole('button', { name: 'Set up network' }).click();
  }

  /**
   * Sets up the Leeds Anchor Network from the real Leeds boundaries, as a coordinator would; they
   * are then signed in, on Settings › People.
   */
  static async leeds(page: Page): Promise<void> {
    const setup = new SetupPage(page);
    await setup.open();
    await setup.submit({ name: 'Leeds Anchor Network', wardsFile: WARD_FILES.leeds, coordinator: FIRST_COORDINATOR });
    await expect(page.getByRole('heading', { name: 'Your network is set up' })).toBeVisible();
  }
}
