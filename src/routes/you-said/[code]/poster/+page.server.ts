import { publicWardPage } from '$lib/server/public-ward-page';
import type { PageServerLoad } from './$types';

// Public (PAGE_ACCESS), as the page it points to: an A4 poster for a noticeboard, printed from the browser.
export const ssr = true;
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => publicWardPage(locals.store, locals.network, params.code, url.origin, 2);
