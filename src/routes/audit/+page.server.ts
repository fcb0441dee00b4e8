import { pagePerson } from '$lib/server/auth/guard';
import { auditQuery, auditView } from '$lib/server/audit-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = pagePerson(locals);
  const query = auditQuery(url.searchParams);
  return { ...(await auditView(locals.store, caller.network.id, query)), values: query.values, errors: query.errors, paged: query.before !== null };
};
