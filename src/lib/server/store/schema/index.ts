import type { Migration } from './migration';
import m001 from './001-networks-wards-conversations';
import m002 from './002-prompts-events-equality-follow-up';
import m003 from './003-change-sequence-merge-history';
import m004 from './004-boundary-sets';
import m005 from './005-ward-indicators';
import m006 from './006-organisations';
import m007 from './007-ward-map-indexes';
import m008 from './008-accounts-devices-audit';
import m009 from './009-ward-import-staging';
import m010 from './010-recorded-at-within-range';
import m011 from './011-map-minimum-conversations';
import m012 from './012-reference-codes';
import m013 from './013-suppression-threshold';
import m014 from './014-contact-retention';
import m015 from './015-equality-withdrawn';
import m016 from './016-account-links-order';
import m017 from './017-sealing-keys';
import m019 from './019-report-quotes';
import m021 from './021-monthly-summary';
import m020 from './020-responses';
import m022 from './022-progression';

/**
 * Schema changes, applied in order, each once. Never edit a released migration: add a new file and
 * list it last. Kept as strings (not .sql files) so the server bundle, the CLI and the tests all load them alike.
 */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m019, m020, m021, m022];
