import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/setup-page';

const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('set-up explains each bad input, linked to its field, and then succeeds', async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.open();
  await expect(page.getByLabel('Charter themes')).toHaveValue(/^Widening Access to Quality Work\n/);

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await setup.submit({ name: 'Leeds Anchor Network' });
  await expect(summary).toContainText('Choose a ward boundary file');

  await setup.submit({ wardsFile: file('wards.csv', 'code,name\nE05011385,Armley\n') });
  await expect(summary).toContainText('The ward boundary file is not GeoJSON');
  await expect(summary).toBeFocused();

  await setup.submit({ wardsFile: file('plain.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Armley' }, geometry: null }] })) });
  await expect(summary).toContainText('no ward code property');
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Ward boundaries')).toBeFocused();

  await setup.submit({ wardsFile: WARD_FILES.leeds });
  await expect(page.getByRole('heading', { name: 'Record a conversation' })).toBeVisible();
  await expect(page.getByText('Leeds Anchor Network')).toBeVisible();
  await page.getByLabel('Search wards').fill('arm');
  await expect(page.getByLabel('Ward', { exact: true }).getByRole('option')).toHaveText(['Armley (Leeds)']);
});
