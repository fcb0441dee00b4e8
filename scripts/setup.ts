/**
 * First-run set-up from the command line, for scripts and tests:
 *   npm run setup -- --network "Leeds Anchor Network" --wards path/to/wards.geojson [--themes "A;B;C"]
 * Uses the same store as the server (DATA_DIR or DATABASE_URL). Prints one line; exits 1 on error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_THEME_NAMES } from '../src/lib/domain/theme';
import { prepareNetworkSetup } from '../src/lib/server/network-setup';
import { describeStore, openStore, storeConfigFromEnv } from '../src/lib/server/store';
import { useEnglishValidationMessages } from '../src/lib/server/zod-messages';

useEnglishValidationMessages();

async function main(): Promise<string> {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      wards: { type: 'string' },
      themes: { type: 'string' }
    }
  });
  if (!values.network) throw new Error('Give the network name: --network "Leeds Anchor Network"');
  if (!values.wards) throw new Error('Give the ward boundary file: --wards path/to/wards.geojson');
  const boundaryFileText = await readFile(values.wards, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT'
        ? `The ward boundary file ${values.wards} does not exist.`
        : `The ward boundary file ${values.wards} cannot be read: ${error.message}`
    );
  });
  const themeNames = values.themes ? values.themes.split(';').map((t) => t.trim()).filter(Boolean) : [...DEFAULT_THEME_NAMES];
  const setup = prepareNetworkSetup({ name: values.network, themeNames, boundaryFileText });
  const config = storeConfigFromEnv(process.env);
  const store = await openStore(config);
  try {
    const network = await store.setUpNetwork(setup);
    return `Set up "${network.name}" with ${setup.wards.length} wards and ${setup.themeNames.length} themes in ${describeStore(config)}.`;
  } finally {
    await store.close();
  }
}

main().then(
  (message) => console.log(message),
  (error: Error) => {
    console.error(`Set-up failed: ${error.message}`);
    process.exitCode = 1;
  }
);
