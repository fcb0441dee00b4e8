import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/setup-page';

// Only PGlite keeps its data in a directory that one process holds (the postgres project skips this file).
test('the set-up command refuses while the server holds its PGlite data directory, and harms nothing', async ({ page, server }) => {
  await SetupPage.leeds(page, server);

  const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/setup.ts', '--network', 'Derby', '--wards', WARD_FILES.derby, '--coordinator', 'derby@example.org'], {
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', COORDINATOR_PASSWORD: 'a long enough password' }
  }).catch((error) => error);
  expect(cli.code).toBe(1);
  expect(cli.stderr).toContain('is in use by another process');

  await page.goto('/wards');
  await expect(page.getByText('0 conversations synced across 33 wards.')).toBeVisible();
});
