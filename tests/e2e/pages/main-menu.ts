import type { Page } from '@playwright/test';

/** On a phone the main menu folds behind its Menu button: opens it; true when it was folded. */
export async function openMainMenu(page: Page): Promise<boolean> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (!(await menu.isVisible()) || (await menu.getAttribute('aria-expanded')) === 'true') return false;
  await menu.click();
  return true;
}

/** Follows a link of the main menu, as a person would at any screen size. */
export async function followMenuLink(page: Page, name: string): Promise<void> {
  await openMainMenu(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
