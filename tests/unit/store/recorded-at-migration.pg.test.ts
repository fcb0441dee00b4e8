import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeRecordedAtMigration } from './recorded-at-migration-contract';

describeRecordedAtMigration('PostgreSQL', async () =>
  openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `migration_${uuidv7().replaceAll('-', '')}`))
);
