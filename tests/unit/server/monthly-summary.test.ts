import { openStore } from '../../../src/lib/server/store';
import { describeMonthlySummary } from './monthly-summary-contract';

describeMonthlySummary('PGlite', () => openStore({}));
