import type { Locator, Page } from '@playwright/test';

/** A GOV.UK date input: the group its legend names, with Day, Month and Year boxes. */
export function dateInput(scope: Page | Locator, legend: string) {
  const group = scope.getByRole('group', { name: legend, exact: true });
  return { group, day: group.getByLabel('Day'), month: group.getByLabel('Month'), year: group.getByLabel('Year') };
}

/** Types a date into its three boxes: an ISO date ('2026-11-24' as 24, 11, 2026) or the boxes as given. */
export async function fillDate(scope: Page | Locator, legend: string, date: string | { day: string; month: string; year: string }) {
  const parts = typeof date === 'string' ? isoParts(date) : date;
  const input = dateInput(scope, legend);
  await input.day.fill(parts.day);
  await input.month.fill(parts.month);
  await input.year.fill(parts.year);
}

/** '2026-03-07' as the boxes a person types: 7, 3, 2026; '' as three empty boxes. */
export function isoParts(iso: string) {
  if (iso === '') return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
