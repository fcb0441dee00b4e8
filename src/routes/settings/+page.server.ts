import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { datePartsFrom } from '$lib/domain/date-entry';
import { DEFAULT_PRIVACY_NOTICE } from '$lib/domain/network';
import { audit } from '$lib/server/auth/audit';
import { pagePerson } from '$lib/server/auth/guard';
import { mailSettingsFromEnv } from '$lib/server/auth/mail';
import { OrganisationNameTakenError } from '$lib/server/store';
import {
  checkAccessSettings,
  checkContactRetention,
  checkEventId,
  checkMapMinimum,
  checkNewEvent,
  checkNewOrganisation,
  checkOrganisationId,
  checkPrivacyNotice,
  checkResidentContact,
  checkPrompts,
  checkSuppressionThreshold,
  ORGANISATION_FIELD
} from '$lib/server/network-settings';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

// A coordinator's page (PAGE_ACCESS); every change is written to the audit log.

export const load: PageServerLoad = async ({ locals }) => {
  const reference = await locals.store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  const { privacyNotice: notice, idleLockMinutes, leadsSeeContacts } = reference.network;
  return {
    privacyNotice: notice,
    usesDefaultPrivacyNotice: notice === DEFAULT_PRIVACY_NOTICE,
    idleLockMinutes,
    leadsSeeContacts,
    mapMinimumConversations: await locals.store.mapMinimumConversations(reference.network.id),
    contactRetentionMonths: await locals.store.retention.contactRetentionMonths(reference.network.id),
    suppressionThreshold: await locals.store.suppressionThreshold(reference.network.id),
    publicWardPages: await locals.store.responses.publicWardPagesOn(reference.network.id),
    residentContact: (await locals.store.referenceCodes.residentContact(reference.network.id)) ?? '',
    monthlySummary: await locals.store.monthlySummaries.monthlySummary(reference.network.id),
    mailConfigured: mailSettingsFromEnv(env).smtpUrl !== null,
    prompts: reference.prompts,
    events: reference.events,
    organisations: reference.organisations
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  access: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkAccessSettings({ idleLockMinutes: text(form, 'idleLockMinutes'), leadsSeeContacts: form.has('leadsSeeContacts') });
    if (!checked.ok) return fail(400, { section: 'access' as const, errors: checked.errors, values: { idleLockMinutes: text(form, 'idleLockMinutes').slice(0, 20) } });
    await locals.store.setAccessSettings(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Tablets and access', checked.value);
    return { section: 'access' as const, saved: 'Tablets and access saved.' };
  },

  mapMinimum: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const typed = text(form, 'mapMinimumConversations');
    const checked = checkMapMinimum(typed);
    if (!checked.ok) return fail(400, { section: 'map' as const, errors: checked.errors, values: { mapMinimumConversations: typed.slice(0, 20) } });
    await locals.store.setMapMinimumConversations(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Ward map', { minimumConversations: checked.value });
    return { section: 'map' as const, saved: 'Ward map saved.' };
  },

  contactRetention: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const typed = text(form, 'contactRetentionMonths');
    const checked = checkContactRetention(typed);
    if (!checked.ok) return fail(400, { section: 'retention' as const, errors: checked.errors, values: { contactRetentionMonths: typed.slice(0, 20) } });
    await locals.store.retention.setContactRetentionMonths(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Follow-up contact details', { months: checked.value });
    return { section: 'retention' as const, saved: 'Follow-up contact details saved.' };
  },
  smallCounts: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const typed = text(form, 'suppressionThreshold');
    const checked = checkSuppressionThreshold(typed);
    if (!checked.ok) return fail(400, { section: 'smallCounts' as const, errors: checked.errors, values: { suppressionThreshold: typed.slice(0, 20) } });
    await locals.store.setSuppressionThreshold(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Small counts', { threshold: checked.value });
    return { section: 'smallCounts' as const, saved: 'Small counts saved.' };
  },

  monthlySummary: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const on = (await readForm(request)).has('monthlySummary');
    if (on && !mailSettingsFromEnv(env).smtpUrl) {
      return fail(400, { section: 'monthlySummary' as const, errors: [{ field: 'monthly-summary', message: 'This server cannot send email (no SMTP_URL), so it cannot mail a monthly summary' }] });
    }
    await locals.store.monthlySummaries.setMonthlySummary(caller.network.id, on);
    await audit(locals.store, caller, 'settings-changed', 'Monthly summary', { on });
    return { section: 'monthlySummary' as const, saved: on ? 'The coordinators will be mailed a summary of each month.' : 'No monthly summary will be mailed.' };
  },

  publicPages: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const choice = form.get('publicWardPages');
    if (choice !== 'on' && choice !== 'off') {
      return fail(400, { section: 'publicPages' as const, errors: [{ field: 'public-ward-pages', message: 'Choose whether to publish ward pages' }] });
    }
    await locals.store.responses.setPublicWardPages(caller.network.id, choice === 'on');
    await audit(locals.store, caller, 'settings-changed', 'Public “You said, we did” ward pages', { on: choice === 'on' });
    return { section: 'publicPages' as const, saved: choice === 'on' ? 'Public ward pages are on.' : 'Public ward pages are off.' };
  },

  privacyNotice: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkPrivacyNotice(form.has('useDefault') ? '' : text(form, 'privacyNotice'));
    if (!checked.ok) return fail(400, { section: 'privacyNotice' as const, errors: checked.errors });
    await locals.store.setPrivacyNotice(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Privacy notice', { wording: checked.value === null ? 'default' : 'own' });
    const saved = checked.value === null ? 'The privacy notice now uses the default wording.' : 'Privacy notice saved.';
    return { section: 'privacyNotice' as const, saved };
  },

  residentContact: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkResidentContact(text(form, 'residentContact'));
    if (!checked.ok) return fail(400, { section: 'privacyNotice' as const, errors: checked.errors });
    await locals.store.referenceCodes.setResidentContact(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'How residents contact you', { given: checked.value !== null });
    return { section: 'privacyNotice' as const, saved: checked.value === null ? 'Thank-you cards no longer say how to contact you.' : 'How residents contact you saved.' };
  },

  prompts: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const ids = form.getAll('promptId').map(String);
    const rows = form.getAll('promptText').map((value, i) => ({ id: ids[i] ?? '', text: String(value) }));
    const checked = checkPrompts(rows);
    if (!checked.ok) return fail(400, { section: 'prompts' as const, errors: checked.errors });
    await locals.store.replacePrompts(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', 'Prompts', { prompts: checked.value.length });
    return { section: 'prompts' as const, saved: 'Prompts saved.' };
  },

  addEvent: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkNewEvent({ name: text(form, 'name'), date: datePartsFrom(form, 'date'), place: text(form, 'place') });
    if (!checked.ok) return fail(400, { section: 'events' as const, errors: checked.errors });
    const event = await locals.store.addEvent(caller.network.id, checked.value);
    await audit(locals.store, caller, 'settings-changed', `Event added: ${event.name}`, { date: event.date });
    return { section: 'events' as const, saved: `Event added: ${event.name}` };
  },

  archiveEvent: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkEventId(text(form, 'eventId'));
    if (!checked.ok) return fail(400, { section: 'events' as const, errors: checked.errors });
    const reference = await locals.store.getReferenceData();
    const event = reference?.events.find((e) => e.id === checked.value);
    if (event) {
      await locals.store.archiveEvent(caller.network.id, event.id);
      await audit(locals.store, caller, 'settings-changed', `Event archived: ${event.name}`, { date: event.date });
    }
    return { section: 'events' as const, saved: event ? `Event archived: ${event.name}` : 'That event was already archived.' };
  },

  addOrganisation: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkNewOrganisation(text(form, 'name'));
    if (!checked.ok) return fail(400, { section: 'organisations' as const, errors: checked.errors });
    try {
      const organisation = await locals.store.addOrganisation(caller.network.id, checked.value);
      await audit(locals.store, caller, 'settings-changed', `Organisation added: ${organisation.name}`);
      return { section: 'organisations' as const, saved: `Organisation added: ${organisation.name}` };
    } catch (error) {
      if (!(error instanceof OrganisationNameTakenError)) throw error;
      return fail(400, { section: 'organisations' as const, errors: [{ field: ORGANISATION_FIELD, message: `${error.message} Give this one another name.` }] });
    }
  },

  archiveOrganisation: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const checked = checkOrganisationId(text(form, 'organisationId'));
    if (!checked.ok) return fail(400, { section: 'organisations' as const, errors: checked.errors });
    const reference = await locals.store.getReferenceData();
    const organisation = reference?.organisations.find((o) => o.id === checked.value);
    if (organisation) {
      await locals.store.archiveOrganisation(caller.network.id, organisation.id);
      await audit(locals.store, caller, 'settings-changed', `Organisation archived: ${organisation.name}`);
    }
    return {
      section: 'organisations' as const,
      saved: organisation ? `Organisation archived: ${organisation.name}` : 'That organisation was already archived.'
    };
  }
};
