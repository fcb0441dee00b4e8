import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeReferenceCodes } from './reference-codes-contract';

describeReferenceCodes('PostgreSQL', async () => openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `codes_${uuidv7().replaceAll('-', '')}`)));
