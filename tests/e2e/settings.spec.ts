import { DEFAULT_PRIVACY_NOTICE, type ReferenceData } from '../../src/lib/domain/network';
import { DEFAULT_PROMPTS } from '../../src/lib/domain/prompt';
import { expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';

const NOTICE = 'We write down what you tell us, without your name. Ask us to delete it at any time.';

test('a coordinator edits prompts, events and the privacy notice, and devices get them', async ({ page, server }) => {
  await SetupPage.leeds(page, server);

  const settings = new SettingsPage(page);
  await settings.open();
  const reference = async (): Promise<ReferenceData> => {
    const response = await page.request.get('/api/reference');
    expect(response.ok()).toBe(true);
    return response.json();
  };

  // Prompts: a blank list is refused, linked to the first prompt.
  await expect(settings.prompt(1)).toHaveValue(DEFAULT_PROMPTS[0].text);
  await expect(settings.prompt(2)).toHaveValue(DEFAULT_PROMPTS[1].text);
  await settings.prompt(1).fill('');
  await settings.prompt(2).fill('  ');
  await page.getByRole('button', { name: 'Save prompts' }).click();
  await expect(settings.errorSummary).toContainText('Keep at least one prompt');
  await expect(settings.errorSummary).toBeFocused();
  await expect(settings.prompt(1)).toHaveAccessibleDescription('Keep at least one prompt');
  await settings.errorSummary.getByRole('link', { name: 'Keep at least one prompt' }).click();
  await expect(settings.prompt(1)).toBeFocused();

  // Reword the second, add a third by keyboard, remove none.
  await settings.prompt(1).fill(DEFAULT_PROMPTS[0].text);
  await settings.prompt(2).fill('What would make your street better?');
  await page.getByRole('button', { name: 'Add a prompt' }).press('Enter');
  await expect(settings.prompt(3)).toBeFocused();
  await page.keyboard.type('Who helps you most round here?');
  await expect(page.getByRole('button', { name: 'Remove prompt 3' })).toBeVisible();
  await page.getByRole('button', { name: 'Save prompts' }).click();
  await expect(settings.saved('Prompts saved.')).toBeVisible();
  await expect(settings.errorSummary).toBeHidden();
  await expect(settings.prompt(3)).toHaveValue('Who helps you most round here?');
  await expect(page.getByRole('button', { name: 'Save prompts' })).toBeFocused();

  // Events: none yet; a nameless event is refused; then one is added.
  await expect(page.getByText('No events yet')).toBeVisible();
  await settings.addEvent({ name: '', date: '2026-11-24' });
  await expect(settings.errorSummary).toContainText('Enter the event’s name');
  await expect(page.getByLabel('Event name')).toHaveAccessibleDescription(/Enter the event’s name/);
  await settings.errorSummary.getByRole('link', { name: 'Enter the event’s name' }).click();
  await expect(page.getByLabel('Event name')).toBeFocused();

  await settings.addEvent({ name: 'Armley Tuesday drop-in', date: '2026-11-24', place: 'Armley Library' });
  await expect(settings.saved('Event added: Armley Tuesday drop-in')).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Armley Tuesday drop-in' }) });
  await expect(row.getByRole('cell')).toHaveText(['24 November 2026', 'Armley Library', 'Archive']);
  await expect(page.getByLabel('Event name')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Add event' })).toBeFocused();

  // Privacy notice: the network's own wording.
  await expect(page.getByLabel('Wording read to residents')).toHaveValue(DEFAULT_PRIVACY_NOTICE);
  await page.getByLabel('Wording read to residents').fill(NOTICE);
  await page.getByRole('button', { name: 'Save privacy notice' }).click();
  await expect(settings.saved('Privacy notice saved.')).toBeVisible();

  // Saving the list again changes nothing: the new prompt now carries its id.
  const resaved = page.waitForResponse((response) => response.url().endsWith('?/prompts'));
  await page.getByRole('button', { name: 'Save prompts' }).click();
  expect((await resaved).ok()).toBe(true);

  // What devices download now.
  const saved = await reference();
  expect(saved.prompts).toEqual([
    DEFAULT_PROMPTS[0],
    { id: DEFAULT_PROMPTS[1].id, text: 'What would make your street better?' },
    { id: expect.any(String), text: 'Who helps you most round here?' }
  ]);
  expect(saved.events).toEqual([
    { id: expect.any(String), name: 'Armley Tuesday drop-in', date: '2026-11-24', place: 'Armley Library' }
  ]);
  expect(saved.network.privacyNotice).toBe(NOTICE);

  // Archive the event: gone from the page and from what devices download.
  await page.getByRole('button', { name: 'Archive Armley Tuesday drop-in' }).click();
  await expect(settings.saved('Event archived: Armley Tuesday drop-in')).toBeVisible();
  await expect(page.getByText('No events yet')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Listening events' })).toBeFocused();
  expect((await reference()).events).toEqual([]);

  // Back to the default wording.
  await page.getByRole('button', { name: 'Use the default wording' }).click();
  await expect(settings.saved('The privacy notice now uses the default wording.')).toBeVisible();
  await expect(page.getByLabel('Wording read to residents')).toHaveValue(DEFAULT_PRIVACY_NOTICE);
  expect((await reference()).network.privacyNotice).toBe(DEFAULT_PRIVACY_NOTICE);
});

test('removing a prompt by keyboard keeps focus in the list and archives it', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const settings = new SettingsPage(page);
  await settings.open();

  await page.getByRole('button', { name: 'Remove prompt 1' }).press('Enter');
  await expect(settings.prompt(1)).toBeFocused();
  await expect(settings.prompt(1)).toHaveValue(DEFAULT_PROMPTS[1].text);
  await expect(settings.prompt(2)).toHaveCount(0);
  // The last prompt cannot be removed.
  await expect(page.getByRole('button', { name: /^Remove prompt/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save prompts' }).click();
  await expect(settings.saved('Prompts saved.')).toBeVisible();

  const response = await page.request.get('/api/reference');
  expect(((await response.json()) as ReferenceData).prompts).toEqual([DEFAULT_PROMPTS[1]]);
});

test.describe('before there is a network', () => {
  test.use({ seedOptions: null });
  test('settings sends a coordinator to set-up', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Set up your network' })).toBeVisible();
  });
});
