import { fail, redirect } from '@sveltejs/kit';
import { resetLinkEmail, resetPasswordWithLink } from '$lib/server/auth/password-reset';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals, params }) => {
  if (!locals.network) redirect(303, '/setup');
  return { email: await resetLinkEmail(locals.store, params.token) };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  default: async ({ request, locals, params }) => {
    if (!locals.network) redirect(303, '/setup');
    const form = await readForm(request);
    const outcome = await resetPasswordWithLink(locals.store, locals.network, params.token, {
      password: text(form, 'password'),
      passwordAgain: text(form, 'passwordAgain')
    });
    if (!outcome.ok && 'expired' in outcome) return fail(410, { expired: true as const });
    if (!outcome.ok) return fail(400, { errors: outcome.errors });
    redirect(303, '/sign-in?done=password-reset');
  }
};
