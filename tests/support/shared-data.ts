import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THEME_NAMES } from '../../src/lib/domain/theme';
import type { NetworkSetup } from '../../src/lib/domain/network-setup';
import { prepareNetworkSetup } from '../../src/lib/server/network-setup';

/** The real ONS ward boundary files shared beside the project (never copied into it). */
export const WARD_FILES = {
  leeds: fileURLToPath(new URL('../../../shared/data/wards/leeds-wards.geojson', import.meta.url)),
  derby: fileURLToPath(new URL('../../../shared/data/wards/derby-derbyshire-wards.geojson', import.meta.url))
};

export function networkSetupFromFile(file: string, name = 'Leeds Anchor Network'): NetworkSetup {
  return prepareNetworkSetup({
    name,
    themeNames: [...DEFAULT_THEME_NAMES],
    boundaryFileText: readFileSync(file, 'utf8')
  });
}
