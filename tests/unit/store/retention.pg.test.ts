import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../../../src/lib/server/store';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeRetentionContract } from './retention-contract';

describeRetentionContract('PostgreSQL', async () => {
  const url = await createDatabase(inject('postgresAdminUrl'), `retention_${uuidv7().replaceAll('-', '')}`);
  const store = await openStore({ databaseUrl: url });
  // A second connection, outside the store, through which a test reads every table raw.
  const sql = await openPostgresDatabase(url);
  return {
    store,
    sql,
    close: async () => {
      await sql.close();
      await store.close();
    }
  };
});
