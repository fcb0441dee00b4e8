import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../../../src/lib/server/store';
import { createDatabase } from '../../support/postgres-cluster';
import { describeProgressionContract } from './progression-contract';

describeProgressionContract('PostgreSQL', async () => {
  const url = await createDatabase(inject('postgresAdminUrl'), `progression_${uuidv7().replaceAll('-', '')}`);
  return openStore({ databaseUrl: url });
});
