import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeSealing } from './sealing-contract';

describeSealing('PostgreSQL', async () => openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `sealing_${uuidv7().replaceAll('-', '')}`)));
