import { openStore } from '../../../src/lib/server/store';
import { describeRoundTrip } from './round-trip-contract';

describeRoundTrip('PGlite', () => openStore({}));
