import { fail, redirect } from '@sveltejs/kit';
import { DEFAULT_PRIVACY_NOTICE } from '$lib/domain/network';
import { OrganisationNameTakenError } from '$lib/server/store';
import {
  checkEventId,
  checkNewEvent,
  checkNewOrganisation,
  checkOrganisationId,
  checkPrivacyNotice,
  checkPrompts,
  ORGANISATION_FIELD
} from '$lib/server/network-settings';
import type { Actions, PageServerLoad } from './$types';

// A coordinator's page. There are no accounts yet; when roles arrive, load and every action here
// check for the coordinator role.

export const load: PageServerLoad = async ({ locals }) => {
  const reference = await locals.store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  const notice = reference.network.privacyNotice;
  return {
    privacyNotice: notice,
    usesDefaultPrivacyNotice: notice === DEFAULT_PRIVACY_NOTICE,
    prompts: reference.prompts,
    events: reference.events,
    organisations: reference.organisations
  };
};

async function networkId(locals: App.Locals): Promise<string> {
  const network = await locals.store.getNetwork();
  if (!network) redirect(303, '/setup');
  return network.id;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  privacyNotice: async ({ request, locals }) => {
    const form = await request.formData();
    const checked = checkPrivacyNotice(form.has('useDefault') ? '' : text(form, 'privacyNotice'));
    if (!checked.ok) return fail(400, { section: 'privacyNotice' as const, errors: checked.errors });
    await locals.store.setPrivacyNotice(await networkId(locals), checked.value);
    const saved = checked.value === null ? 'The privacy notice now uses the default wording.' : 'Privacy notice saved.';
    return { section: 'privacyNotice' as const, saved };
  },

  prompts: async ({ request, locals }) => {
    const form = await request.formData();
    const ids = form.getAll('promptId').map(String);
    const rows = form.getAll('promptText').map((value, i) => ({ id: ids[i] ?? '', text: String(value) }));
    const checked = checkPrompts(rows);
    if (!checked.ok) return fail(400, { section: 'prompts' as const, errors: checked.errors });
    await locals.store.replacePrompts(await networkId(locals), checked.value);
    return { section: 'prompts' as const, saved: 'Prompts saved.' };
  },

  addEvent: async ({ request, locals }) => {
    const form = await request.formData();
    const checked = checkNewEvent({ name: text(form, 'name'), date: text(form, 'date'), place: text(form, 'place') });
    if (!checked.ok) return fail(400, { section: 'events' as const, errors: checked.errors });
    const event = await locals.store.addEvent(await networkId(locals), checked.value);
    return { section: 'events' as const, saved: `Event added: ${event.name}` };
  },

  archiveEvent: async ({ request, locals }) => {
    const form = await request.formData();
    const checked = checkEventId(text(form, 'eventId'));
    if (!checked.ok) return fail(400, { section: 'events' as const, errors: checked.errors });
    const reference = await locals.store.getReferenceData();
    if (!reference) redirect(303, '/setup');
    const event = reference.events.find((e) => e.id === checked.value);
    if (event) await locals.store.archiveEvent(reference.network.id, event.id);
    return { section: 'events' as const, saved: event ? `Event archived: ${event.name}` : 'That event was already archived.' };
  },

  addOrganisation: async ({ request, locals }) => {
    const form = await request.formData();
    const checked = checkNewOrganisation(text(form, 'name'));
    if (!checked.ok) return fail(400, { section: 'organisations' as const, errors: checked.errors });
    try {
      const organisation = await locals.store.addOrganisation(await networkId(locals), checked.value);
      return { section: 'organisations' as const, saved: `Organisation added: ${organisation.name}` };
    } catch (error) {
      if (!(error instanceof OrganisationNameTakenError)) throw error;
      return fail(400, { section: 'organisations' as const, errors: [{ field: ORGANISATION_FIELD, message: `${error.message} Give this one another name.` }] });
    }
  },

  archiveOrganisation: async ({ request, locals }) => {
    const form = await request.formData();
    const checked = checkOrganisationId(text(form, 'organisationId'));
    if (!checked.ok) return fail(400, { section: 'organisations' as const, errors: checked.errors });
    const reference = await locals.store.getReferenceData();
    if (!reference) redirect(303, '/setup');
    const organisation = reference.organisations.find((o) => o.id === checked.value);
    if (organisation) await locals.store.archiveOrganisation(reference.network.id, organisation.id);
    return {
      section: 'organisations' as const,
      saved: organisation ? `Organisation archived: ${organisation.name}` : 'That organisation was already archived.'
    };
  }
};
