import { COORDINATOR } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { csvExportResponse } from '$lib/server/export-response';
import type { RequestHandler } from './$types';

/** The contact-details export as CSV, streamed (issue 14): coordinators only, audited. */
export const GET: RequestHandler = guardEndpoint(COORDINATOR, ({ locals, url }, caller) => csvExportResponse(locals.store, caller, 'contact-details', url.searchParams));

/** Not GET's headers without its body: SvelteKit would run GET for HEAD, opening (and auditing) an export nobody reads. */
export const HEAD: RequestHandler = () => new Response(null, { status: 405, headers: { allow: 'GET' } });
