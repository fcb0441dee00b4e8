import { EXPORTERS } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { progressionDownload } from '$lib/server/progression-export';
import type { RequestHandler } from './$types';

/** Self-assessments as CSV (?which=all|current&format=csv|excel): coordinators and anchor staff, audited. */
export const GET: RequestHandler = guardEndpoint(EXPORTERS, ({ locals, url }, caller) => progressionDownload(locals.store, caller, url.searchParams));
