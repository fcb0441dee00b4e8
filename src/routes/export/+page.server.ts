import { pagePerson } from '$lib/server/auth/guard';
import { exportPageView } from '$lib/server/export-view';
import type { PageServerLoad } from './$types';

// Coordinators (every export) and anchor staff (the aggregate exports only), as PAGE_ACCESS says.

export const load: PageServerLoad = ({ locals, url }) => exportPageView(locals.store, pagePerson(locals), url.searchParams);
