import { fail } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { pagePerson } from '$lib/server/auth/guard';
import { mailSettingsFromEnv } from '$lib/server/auth/mail';
import { changeRole, invite, peopleView, resetLink, setActive, unlock, withdrawInvitation, type AdminOutcome } from '$lib/server/auth/people-admin';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals, url }) => {
  const view = await peopleView(locals.store, pagePerson(locals));
  return { ...view, welcome: url.searchParams.has('welcome'), mailsLinks: mailSettingsFromEnv(env).smtpUrl !== null };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').slice(0, 500);

/** A refusal keeps what was typed in the invitation form; a success clears it. */
function answer(outcome: AdminOutcome, section: 'invite' | 'person', values: Record<string, string> = {}) {
  if (!outcome.ok) return fail(outcome.status, { section, errors: outcome.errors, values });
  return { section, saved: outcome.saved, link: outcome.link ?? null };
}

export const actions: Actions = {
  invite: async ({ request, locals, url }) => {
    const form = await readForm(request);
    const values = { email: text(form, 'email'), role: text(form, 'role'), organisationId: text(form, 'organisationId') };
    return answer(await invite(locals.store, pagePerson(locals), values, url.origin, mailSettingsFromEnv(env)), 'invite', values);
  },

  withdraw: async ({ request, locals }) => {
    const form = await readForm(request);
    return answer(await withdrawInvitation(locals.store, pagePerson(locals), text(form, 'invitationId')), 'person');
  },

  changeRole: async ({ request, locals }) => {
    const form = await readForm(request);
    const input = { personId: text(form, 'personId'), role: text(form, 'role'), organisationId: text(form, 'organisationId') };
    return answer(await changeRole(locals.store, pagePerson(locals), input), 'person');
  },

  deactivate: async ({ request, locals }) => {
    const form = await readForm(request);
    return answer(await setActive(locals.store, pagePerson(locals), text(form, 'personId'), false), 'person');
  },

  reactivate: async ({ request, locals }) => {
    const form = await readForm(request);
    return answer(await setActive(locals.store, pagePerson(locals), text(form, 'personId'), true), 'person');
  },

  unlock: async ({ request, locals }) => {
    const form = await readForm(request);
    return answer(await unlock(locals.store, pagePerson(locals), text(form, 'personId')), 'person');
  },

  resetLink: async ({ request, locals, url }) => {
    const form = await readForm(request);
    return answer(await resetLink(locals.store, pagePerson(locals), text(form, 'personId'), url.origin, mailSettingsFromEnv(env)), 'person');
  }
};
