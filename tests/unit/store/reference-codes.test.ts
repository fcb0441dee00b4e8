import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { describeReferenceCodes } from './reference-codes-contract';

describeReferenceCodes('PGlite', () => openPgliteDatabase());
