import { EXPORTERS } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { spreadsheetExportResponse } from '$lib/server/spreadsheet-export';
import type { RequestHandler } from './$types';

/** The spreadsheet (XLSX), streamed and audited: coordinators get the Conversations sheet too, anchor staff the figures and responses only. */
export const GET: RequestHandler = guardEndpoint(EXPORTERS, ({ locals, url }, caller) => spreadsheetExportResponse(locals.store, caller, url.searchParams));

/** Not GET's headers without its body: SvelteKit would run GET for HEAD, opening (and auditing) an export nobody reads. */
export const HEAD: RequestHandler = () => new Response(null, { status: 405, headers: { allow: 'GET' } });
