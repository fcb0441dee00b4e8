import { makeConversation } from '../support/conversations';
import { INDICATOR_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { IndicatorsPage } from './pages/indicators-page';
import { SetupPage } from './pages/setup-page';
import { WardPage } from './pages/ward-page';
import { WardsPage } from './pages/wards-page';
import { pushConversations, themesByName } from './push-conversations';

for (const viewport of SCREEN_SIZES) {
  test(`axe finds no WCAG 2.2 AA violations on the ward page, the wards table, the indicator upload page or the boundaries page at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
    await page.setViewportSize(viewport);
    const seeded = await SetupPage.leeds(page, server);
    const theme = await themesByName(page.request);
    await pushConversations(server.url, seeded, [
      makeConversation({
        wardCode: 'E05011385',
        themeIds: [theme['Widening Access to Quality Work']],
        quotes: [{ text: 'We need jobs here', consentToQuote: true }]
      }),
      makeConversation({ wardCode: 'E05011385', recordedAt: '2026-08-03T09:00:00.000Z', themeIds: [theme['Tackling Health Inequalities']] })
    ]);

    const indicators = new IndicatorsPage(page);
    await indicators.open();
    await expectNoViolations(page, 'indicator upload, empty');
    await indicators.upload({ name: '', file: { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('code,v\nArmley,1\n') } });
    await expect(indicators.errorSummary).toBeVisible();
    await expectNoViolations(page, 'indicator upload with errors and row problems');
    await indicators.upload({ name: 'IMD 2019 average rank', file: INDICATOR_FILES.imd2019Wd25 });
    await expect(indicators.status).toContainText('saved');
    await expectNoViolations(page, 'indicator upload, saved');

    await page.goto('/settings/boundaries');
    await expect(page.getByRole('heading', { name: 'Ward boundaries', level: 1 })).toBeVisible();
    await expectNoViolations(page, 'ward boundaries');

    const ward = new WardPage(page);
    await ward.open('E05011385', 'Armley');
    await expectNoViolations(page, 'ward page');
    await ward.open('E05011384', 'Ardsley & Robin Hood');
    await expectNoViolations(page, 'ward page with no conversations');

    const wards = new WardsPage(page);
    await wards.open();
    await page.getByLabel('Most deprived 20 % of wards only').check();
    await expectNoViolations(page, 'wards table with an indicator');
  });
}
