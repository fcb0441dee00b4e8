import { fail, redirect } from '@sveltejs/kit';
import { invitationView, joinByInvitation } from '$lib/server/auth/invitation-page';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals, params }) => {
  return { invitation: await invitationView(locals.store, params.token) };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  default: async ({ request, locals, params, cookies, url }) => {
    const form = await readForm(request);
    const name = text(form, 'name').slice(0, 500);
    const outcome = await joinByInvitation(locals.store, params.token, { cookies, url, signedIn: locals.person }, {
      name,
      password: text(form, 'password'),
      passwordAgain: text(form, 'passwordAgain')
    });
    if (!outcome.ok && 'expired' in outcome) return fail(410, { expired: true as const });
    if (!outcome.ok) return fail(400, { name, errors: outcome.errors });
    redirect(303, '/');
  }
};
