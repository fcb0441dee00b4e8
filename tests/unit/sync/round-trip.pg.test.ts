import { inject } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../../../src/lib/server/store';
import { createDatabase } from '../../support/postgres-cluster';
import { describeRoundTrip } from './round-trip-contract';

describeRoundTrip('PostgreSQL', async () => openStore({ databaseUrl: await createDatabase(inject('postgresAdminUrl'), `round_trip_${uuidv7().replaceAll('-', '')}`) }));
