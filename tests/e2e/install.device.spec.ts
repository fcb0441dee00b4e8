import { expect, test, waitForServiceWorker } from './fixtures';
import { SetupPage } from './pages/setup-page';

test('Chromium can install the app: its manifest and service worker leave no installability error', async ({ tablet, server }) => {
  // A browser profile of its own: Chromium never offers to install from a private (incognito) context.
  const page = await tablet.open();
  await SetupPage.leeds(page, server);
  await waitForServiceWorker(tablet.context, page);

  const cdp = await tablet.context.newCDPSession(page);
  const { url, errors } = await cdp.send('Page.getAppManifest');
  expect(url).toMatch(/\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);

  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Anchor Listening', display: 'standalone', start_url: '/', theme_color: '#1d70b8' });
  expect(manifest.icons.map((icon: { sizes: string; purpose?: string }) => `${icon.sizes} ${icon.purpose ?? 'any'}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
  );
});
