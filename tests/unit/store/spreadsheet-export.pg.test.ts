import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { createDatabase } from '../../support/postgres-cluster';
import { describeSpreadsheetExportContract } from './spreadsheet-export-contract';

describeSpreadsheetExportContract('PostgreSQL', async () => {
  const url = await createDatabase(inject('postgresAdminUrl'), `spreadsheet_${uuidv7().replaceAll('-', '')}`);
  const db = await openPostgresDatabase(url);
  await migrate(db);
  return { store: createSqlStore(db), db };
});
