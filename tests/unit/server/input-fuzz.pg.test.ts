import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeInputFuzz } from './input-fuzz-contract';

describeInputFuzz('PostgreSQL', async () => openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `fuzz_${uuidv7().replaceAll('-', '')}`)), 150);
