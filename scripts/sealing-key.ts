/**
 * The keys tablets seal contact details and equality answers to (issue 13), from the command line:
 *   npm run sealing-key -- rotate   a new key pair in the database (PGlite: with the server stopped)
 *   npm run sealing-key -- new      prints a new private key, for SEALING_PRIVATE_KEYS
 *   npm run sealing-key -- list     the key ids, newest (the one tablets are given) first
 * Uses the same store as the server (DATA_DIR or DATABASE_URL). Old keys are never removed here:
 * they open what tablets sealed before a rotation. Exits 1, saying why, on error.
 */
import { newSealingKeyPair } from '../src/lib/server/sealing';
import { newSealingKeyId, rotateSealingKey, sealingKeysFromEnv } from '../src/lib/server/sealing-keys';
import { describeStore, openStore, storeConfigFromEnv } from '../src/lib/server/store';

async function withStore<T>(work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(storeConfigFromEnv(process.env));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(command: string | undefined): Promise<string> {
  const fromEnv = sealingKeysFromEnv(process.env);
  switch (command) {
    case 'new': {
      const pair = await newSealingKeyPair(newSealingKeyId());
      return JSON.stringify({ ...pair.privateJwk, kid: pair.publicKey.kid });
    }
    case 'rotate': {
      if (fromEnv) throw new Error('This server takes its keys from SEALING_PRIVATE_KEYS: run `npm run sealing-key -- new` and put what it prints first in that list.');
      const key = await withStore(rotateSealingKey);
      return `Made sealing key ${key.kid} in ${describeStore(storeConfigFromEnv(process.env))}; tablets seal to it from their next refresh. Older keys are kept to open what was sealed with them.`;
    }
    case 'list': {
      const keys = fromEnv ?? (await withStore((store) => store.sealingKeys.sealingKeys()));
      return keys.length === 0 ? 'No sealing key yet: the first is made when a tablet first needs one.' : keys.map((key) => key.publicKey.kid).join('\n');
    }
    default:
      throw new Error('Say what to do: rotate, new or list (npm run sealing-key -- rotate).');
  }
}

main(process.argv[2]).then(
  (message) => console.log(message),
  (error: Error) => {
    console.error(`Sealing key: ${error.message}`);
    process.exitCode = 1;
  }
);
