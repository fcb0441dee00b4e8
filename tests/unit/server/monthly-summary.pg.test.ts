import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../../../src/lib/server/store';
import { createDatabase } from '../../support/postgres-cluster';
import { describeMonthlySummary } from './monthly-summary-contract';

describeMonthlySummary('PostgreSQL', async () => openStore({ databaseUrl: await createDatabase(inject('postgresAdminUrl'), `summary_${uuidv7().replaceAll('-', '')}`) }));
