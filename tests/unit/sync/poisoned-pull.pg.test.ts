import { inject, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createDatabase } from '../../support/postgres-cluster';
import { runPoisonedPull } from './poisoned-pull-scenario';

it('S9 a record the app cannot read in the server’s database does not stop another tablet’s pull, on PostgreSQL', { timeout: 120_000 }, async () => {
  const databaseUrl = await createDatabase(inject('postgresAdminUrl'), `poisoned_${uuidv7().replaceAll('-', '')}`);
  await runPoisonedPull({ databaseUrl });
});
