import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { describeRecordedAtMigration } from './recorded-at-migration-contract';

describeRecordedAtMigration('PGlite', () => openPgliteDatabase());
