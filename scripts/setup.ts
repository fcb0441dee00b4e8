/**
 * First-run set-up from the command line, for scripts and tests:
 *   COORDINATOR_PASSWORD=… npm run setup -- --network "Leeds Anchor Network" --wards path/to/wards.geojson \
 *     --coordinator cora@example.org [--coordinator-name "Cora Smith"] [--themes "A;B;C"]
 * Creates the network and its first coordinator. The password comes from COORDINATOR_PASSWORD or,
 * in a terminal, is asked for (twice, not shown). Uses the same store as the server (DATA_DIR or
 * DATABASE_URL). Prints one line; exits 1 on error.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DEFAULT_THEME_NAMES } from '../src/lib/domain/theme';
import { checkFirstRun, setUpFirstRun } from '../src/lib/server/first-run-setup';
import { describeStore, openStore, storeConfigFromEnv } from '../src/lib/server/store';
import { useEnglishValidationMessages } from '../src/lib/server/zod-messages';

useEnglishValidationMessages();

/** Asks on the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    }
  });
  const terminal = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stdout.write(question);
    muted = true;
    return await new Promise<string>((resolve, reject) => {
      terminal.once('line', resolve);
      terminal.once('SIGINT', () => reject(new Error('Cancelled.')));
    });
  } finally {
    terminal.close();
    process.stdout.write('\n');
  }
}

async function coordinatorPassword(): Promise<{ password: string; passwordAgain: string }> {
  const given = process.env.COORDINATOR_PASSWORD;
  if (given) return { password: given, passwordAgain: given };
  if (!process.stdin.isTTY) {
    throw new Error("Give the first coordinator's password in COORDINATOR_PASSWORD, or run this in a terminal to type it.");
  }
  const password = await askHidden("First coordinator's password (at least 10 characters; not shown): ");
  const passwordAgain = await askHidden('The same password again: ');
  return { password, passwordAgain };
}

async function main(): Promise<string> {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      wards: { type: 'string' },
      themes: { type: 'string' },
      coordinator: { type: 'string' },
      'coordinator-name': { type: 'string' }
    }
  });
  if (!values.network) throw new Error('Give the network name: --network "Leeds Anchor Network"');
  if (!values.wards) throw new Error('Give the ward boundary file: --wards path/to/wards.geojson');
  if (!values.coordinator) throw new Error('Give the first coordinator’s email address: --coordinator name@example.org');
  const boundaryFileText = await readFile(values.wards, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT'
        ? `The ward boundary file ${values.wards} does not exist.`
        : `The ward boundary file ${values.wards} cannot be read: ${error.message}`
    );
  });
  const themeNames = values.themes ? values.themes.split(';').map((t) => t.trim()).filter(Boolean) : [...DEFAULT_THEME_NAMES];
  const checked = await checkFirstRun({
    name: values.network,
    themeNames,
    boundaryFileText,
    coordinator: { name: values['coordinator-name'] ?? values.coordinator.split('@')[0], email: values.coordinator, ...(await coordinatorPassword()) }
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message.replace(/\.?$/, '.')).join(' '));
  const config = storeConfigFromEnv(process.env);
  const store = await openStore(config);
  try {
    const { network, coordinator } = await setUpFirstRun(store, checked.value, 'command line');
    const { setup } = checked.value;
    return (
      `Set up "${network.name}" with ${setup.wards.length} wards and ${setup.themeNames.length} themes in ${describeStore(config)}; ` +
      `${coordinator.email} is its coordinator and can sign in.`
    );
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
