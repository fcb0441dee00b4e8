import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The two screens every page is checked at: a phone and a tablet (issue 12). */
export const SCREEN_SIZES = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 }
] as const;

/** WCAG 2.2 AA, the standard UK public bodies must meet: axe finds nothing on the page as it is now. */
export async function expectNoViolations(page: Page, what: string) {
  // The capture form's Save bar is sticky: whatever is scrolled under it reads to axe as a target too
  // small to tap. At the foot of the page the bar sits in its own place, over nothing.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), what).toEqual([]);
}
