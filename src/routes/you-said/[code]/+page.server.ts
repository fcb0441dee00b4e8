import { publicWardPage } from '$lib/server/public-ward-page';
import type { PageServerLoad } from './$types';

// Public (PAGE_ACCESS): residents open it from a poster's QR code on a cheap phone. Rendered on
// the server and sent with no JavaScript: no app shell, no map, nothing to download but the page.
export const ssr = true;
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => publicWardPage(locals.store, locals.network, params.code, url.origin);
