import { expect, type Page } from '@playwright/test';
import type { AppServer } from '../../support/app-server';
import { seedServer, sessionCookie, type SeededNetwork, type SeedOptions } from '../../support/seed-network';
import { WARD_FILES } from '../../support/shared-data';
import { TabletPage } from './tablet-page';

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
   * The Leeds Anchor Network with everyone in it (tests/support/seed-network.ts), this browser
   * signed in as its coordinator and enrolled as a tablet of Armley Community Centre, unlocked by
   * Amina: it lands on capture, ready to record, and can open the coordinator's pages too.
   * `options` seed another network (for a test that started with none).
   */
  static async leeds(page: Page, server: AppServer, options?: SeedOptions): Promise<SeededNetwork> {
    // Seeded as the test asked before the server started; otherwise now, at the cost of a restart.
    const seeded = !options && server.seeded ? server.seeded : await seedServer(server, options);
    await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
    const tablet = new TabletPage(page);
    await tablet.enrol(seeded.enrolmentCodes[0]);
    await tablet.unlock(seeded.workers.amina);
    await expect(page.getByRole('heading', { name: 'Record a conversation' })).toBeVisible();
    return seeded;
  }
}
