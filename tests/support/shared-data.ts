import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THEME_NAMES } from '../../src/lib/domain/theme';
import type { NetworkSetup } from '../../src/lib/domain/network-setup';
import { prepareNetworkSetup } from '../../src/lib/server/network-setup';

/** The real ONS ward files shared beside the project, never copied into it (`../shared/data/wards`). */
const WARDS_DIR = resolve(
  process.env.SHARED_DATA_DIR ?? fileURLToPath(new URL('../../../shared/data', import.meta.url)),
  'wards'
);
if (!existsSync(WARDS_DIR)) {
  throw new Error(`The shared ward files are not at ${WARDS_DIR}: check out beside ../shared or set SHARED_DATA_DIR.`);
}

export const WARD_FILES = {
  leeds: resolve(WARDS_DIR, 'leeds-wards.geojson'),
  derby: resolve(WARDS_DIR, 'derby-derbyshire-wards.geojson'),
  england: resolve(WARDS_DIR, 'england-wards.topojson')
};

export function networkSetupFromFile(file: string, name = 'Leeds Anchor Network'): NetworkSetup {
  return prepareNetworkSetup({
    name,
    themeNames: [...DEFAULT_THEME_NAMES],
    boundaryFileText: readFileSync(file, 'utf8')
  });
}

/** Ward indicator files: IMD 2019 per 2025 ward, all England (6,826 rows, 52 of them blank). */
export const INDICATOR_FILES = {
  imd2019Wd25: resolve(WARDS_DIR, 'imd2019-by-ward-wd25-bestfit-england.csv')
};
