import { RESPONDERS } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { responsesCsvResponse } from '$lib/server/responses-export';
import type { RequestHandler } from './$types';

/** Responses ("you said, we did") as CSV, audited: coordinators and anchor staff, who read and write them. */
export const GET: RequestHandler = guardEndpoint(RESPONDERS, ({ locals, url }, caller) => responsesCsvResponse(locals.store, caller, url.searchParams));

/** Not GET's headers without its body: SvelteKit would run GET for HEAD, opening (and auditing) an export nobody reads. */
export const HEAD: RequestHandler = () => new Response(null, { status: 405, headers: { allow: 'GET' } });
