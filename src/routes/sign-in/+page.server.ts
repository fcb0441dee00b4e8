import { fail, redirect } from '@sveltejs/kit';
import { safeNextPath } from '$lib/server/auth/next-path';
import { signInWithForm } from '$lib/server/auth/sign-in-form';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

/** What the page says after someone signed out or reset their password (`?done=`). */
const NOTICES = {
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You have signed out on every device and browser.',
  'password-reset': 'Your password has been changed. Sign in with your new password.'
} as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.network) redirect(303, '/setup');
  const next = safeNextPath(url.searchParams.get('next'));
  if (locals.person) redirect(303, next);
  const done = url.searchParams.get('done');
  return { networkName: locals.network.name, notice: done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  default: async ({ request, locals, cookies, url, getClientAddress }) => {
    if (!locals.network) redirect(303, '/setup');
    const form = await readForm(request);
    const email = text(form, 'email').slice(0, 254);
    const outcome = await signInWithForm(locals.store, locals.network, { cookies, url, clientAddress: getClientAddress() }, {
      email,
      password: text(form, 'password')
    });
    if (!outcome.ok) return fail(outcome.status, { email, errors: outcome.errors });
    redirect(303, safeNextPath(url.searchParams.get('next')));
  }
};
