import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../../../src/lib/server/store';
import { createDatabase } from '../../support/postgres-cluster';
import { describeResponsesContract } from './responses-contract';

describeResponsesContract('PostgreSQL', async () => {
  const url = await createDatabase(inject('postgresAdminUrl'), `responses_${uuidv7().replaceAll('-', '')}`);
  return openStore({ databaseUrl: url });
});
