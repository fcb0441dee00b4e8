import type { Page } from '@playwright/test';
import { ArcGisStandIn } from '../support/arcgis-stand-in';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { expectNoViolations } from './axe';
import { SetupPage } from './pages/setup-page';

const wardsOnServer = async (page: Page) => (await (await page.request.get('/api/reference')).json()).wards.length as number;

const brokenFile = {
  name: 'broken.geojson',
  mimeType: 'application/json',
  buffer: Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: ['E05000001', 'E05000001'].map((code) => ({
        type: 'Feature',
        properties: { WD25CD: code, WD25NM: 'Somewhere', LAD25CD: 'E08000035', LAD25NM: 'Leeds' },
        geometry: { type: 'Polygon', coordinates: [[[-1.5, 53.8], [-1.4, 53.8], [-1.4, 53.9], [-1.45, 53.85]]] }
      }))
    })
  )
};

test('a coordinator imports boundaries from a file or the ONS service, all or nothing, with a report', async ({ page, server }) => {
  const standIn = new ArcGisStandIn([WARD_FILES.leeds]);
  const serviceUrl = await standIn.start();
  try {
    await SetupPage.leeds(page, server);
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Ward boundaries' }).click();
    await expect(page.getByRole('heading', { name: 'Ward boundaries', level: 1 })).toBeVisible();
    await expectNoViolations(page, 'ward boundaries');

    await page.getByLabel('Ward boundary file').setInputFiles(brokenFile);
    await page.getByRole('button', { name: 'Import the file' }).click();
    const report = page.getByRole('alert').filter({ hasText: 'The boundaries were not imported' });
    await expect(report).toContainText('3 problems to fix. Nothing was changed.');
    await expect(report.getByRole('row', { name: /E05000001.*not closed/ })).toHaveCount(2);
    await expect(report.getByRole('row', { name: /appears twice/ })).toHaveCount(1);
    expect(await wardsOnServer(page)).toBe(33);

    await page.getByLabel('Ward boundary file').setInputFiles(WARD_FILES.derby);
    await page.getByRole('button', { name: 'Import the file' }).click();
    await expect(page.getByText('Imported 176 wards: 176 added, 0 changed, 0 unchanged; 33 left out')).toBeVisible();
    expect(await wardsOnServer(page)).toBe(176);

    await page.getByLabel('ONS ward layer address').fill(serviceUrl);
    await page.getByLabel('Local authority codes').fill('E08000035');
    standIn.failOnPage = 1;
    await page.getByRole('button', { name: 'Download and import' }).click();
    await expect(page.getByRole('alert')).toContainText('The ONS boundary service refused the request');
    expect(await wardsOnServer(page)).toBe(176);

    standIn.failOnPage = null;
    await page.getByRole('button', { name: 'Download and import' }).click();
    await expect(page.getByText('Imported 33 wards: 0 added, 33 changed, 0 unchanged; 176 left out')).toBeVisible();
    expect(await wardsOnServer(page)).toBe(33);
  } finally {
    await standIn.stop();
  }
});
