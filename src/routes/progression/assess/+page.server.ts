import { pagePerson } from '$lib/server/auth/guard';
import { assessAction, assessPage } from '$lib/server/progression';
import type { Actions, PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS ASSESSORS): staff assess their own organisation
// (the action refuses with 403 a form naming another), coordinators any.

export const load: PageServerLoad = async ({ locals, url }) => assessPage(locals.store, pagePerson(locals), url.searchParams);

export const actions: Actions = {
  default: async ({ locals, request }) => assessAction(locals.store, pagePerson(locals), request)
};
