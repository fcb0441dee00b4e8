import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { mailSettingsFromEnv } from '$lib/server/auth/mail';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.network) redirect(303, '/setup');
  return { mailsLinks: mailSettingsFromEnv(env).smtpUrl !== null };
};

export const actions: Actions = {
  default: async ({ request, locals, url, getClientAddress }) => {
    if (!locals.network) redirect(303, '/setup');
    const mail = mailSettingsFromEnv(env);
    if (!mail.smtpUrl) return fail(400, { email: '', errors: [{ field: 'email', message: 'Ask your coordinator for a password reset link' }] });
    const email = String((await readForm(request)).get('email') ?? '').slice(0, 254);
    const outcome = await requestPasswordReset(locals.store, locals.network, { email, clientAddress: getClientAddress(), origin: url.origin }, mail);
    if (!outcome.ok) return fail(outcome.status, { email, errors: outcome.errors });
    return { sent: true as const };
  }
};
