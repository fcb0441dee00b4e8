import { expect, type Page } from '@playwright/test';
import type { SeededWorker } from '../../support/seed-network';
import { openMainMenu } from './main-menu';

/** A tablet's own screens: enrolling it with a code, and the worker lock. */
export class TabletPage {
  constructor(readonly page: Page) {}

  /** Enrols this browser with a code, as a worker does from the lead's QR code (the code in the link's fragment). */
  async enrol(code: string) {
    await this.page.goto(`/enrol#code=${code}`);
    await expect(this.page.getByLabel('Enrolment code')).toHaveValue(code);
    await this.page.getByRole('button', { name: 'Enrol this tablet' }).click();
    await expect(this.page.getByRole('heading', { name: 'Who is recording?' })).toBeVisible();
  }

  /** Unlocks the tablet as a worker, with their PIN. */
  async unlock(worker: Pick<SeededWorker, 'name' | 'pin'>) {
    await expect(this.page.getByRole('heading', { name: 'Who is recording?' })).toBeVisible();
    await this.page.getByRole('radio', { name: worker.name }).check();
    await this.page.getByLabel('Your PIN').fill(worker.pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
    const folded = await this.openMenu();
    await expect(this.page.getByText(`Recording as ${worker.name}`)).toBeVisible();
    if (folded) await this.page.getByRole('button', { name: 'Menu' }).click();
  }

  /** On a phone who is recording (and Switch worker) sit in the folded menu: opens it; true when it was folded. */
  openMenu(): Promise<boolean> {
    return openMainMenu(this.page);
  }

  async switchWorker() {
    await this.openMenu();
    await this.page.getByRole('button', { name: 'Switch worker' }).click();
    await expect(this.page.getByRole('heading', { name: 'Who is recording?' })).toBeVisible();
  }
}
