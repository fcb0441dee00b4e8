import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { describeInputFuzz } from './input-fuzz-contract';

describeInputFuzz('PGlite', () => openPgliteDatabase(), 80);
