import { fail, redirect } from '@sveltejs/kit';
import { ROLE_NAMES } from '$lib/domain/access';
import { pagePerson } from '$lib/server/auth/guard';
import { changePassword, ownAccount, signOut, signOutEverywhere } from '$lib/server/auth/own-account';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals }) => {
  const caller = pagePerson(locals);
  const account = await ownAccount(locals.store, caller);
  return { ...account, roleName: ROLE_NAMES[account.role], networkName: caller.network.name };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  signOut: async ({ locals, cookies, url }) => {
    await signOut(locals.store, pagePerson(locals), cookies, url);
    redirect(303, '/sign-in?done=signed-out');
  },

  signOutEverywhere: async ({ locals, cookies, url }) => {
    await signOutEverywhere(locals.store, pagePerson(locals), cookies, url);
    redirect(303, '/sign-in?done=signed-out-everywhere');
  },

  changePassword: async ({ request, locals, cookies, url }) => {
    const form = await readForm(request);
    const outcome = await changePassword(locals.store, pagePerson(locals), { cookies, url }, {
      current: text(form, 'currentPassword'),
      password: text(form, 'newPassword'),
      passwordAgain: text(form, 'newPasswordAgain')
    });
    if (!outcome.ok) return fail(400, { errors: outcome.errors });
    return { saved: 'Your password has been changed. You have been signed out on every other device and browser.' };
  }
};
