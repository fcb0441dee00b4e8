import * as z from 'zod/mini';
import { Id } from '$lib/domain/id';
import { PersonRole, ROLE_NAMES } from '$lib/domain/access';
import type { FieldError } from '$lib/domain/field-error';
import { Email, type Person } from '$lib/domain/person';
import type { Store } from '../store';
import { invitePerson, makeResetLink } from './account-links';
import { audit } from './audit';
import type { PersonCaller } from './guard';
import type { MailSettings } from './mail';

/**
 * What a coordinator does on Settings › People: invite people, withdraw invitations, change a
 * person's role, switch their account off or on, unlock it, and make a password reset link.
 * Every change is written to the audit log. Ids come from the page's hidden inputs and are
 * checked before they reach the database; the network always keeps an active coordinator.
 */

/** A link the coordinator passes on (or that was mailed), and to whom. */
export interface LinkForPerson {
  kind: 'invitation' | 'password-reset';
  email: string;
  url: string;
  mailed: boolean;
}

export type AdminOutcome =
  | { ok: true; saved: string; link?: LinkForPerson }
  | { ok: false; status: 400 | 404; errors: FieldError[] };

/** The field a problem with a person's row is linked to: the button that opens their actions. */
export const personField = (personId: string) => `person-${personId}`;
export const roleField = (personId: string) => `role-${personId}-coordinator`;
export const organisationField = (personId: string) => `organisation-${personId}`;
export const PEOPLE_LIST_FIELD = 'people';
export const INVITATIONS_FIELD = 'invitations';

const Uuid = Id;
const LinkId = z.string().check(z.regex(/^[0-9a-f]{64}$/));

const refused = (status: 400 | 404, field: string, message: string): AdminOutcome => ({ ok: false, status, errors: [{ field, message }] });

async function personFrom(store: Store, caller: PersonCaller, personId: string): Promise<Person | AdminOutcome> {
  if (!Uuid.safeParse(personId).success) return refused(400, PEOPLE_LIST_FIELD, 'Choose a person from the list. Reload the page and try again.');
  const person = await store.accounts.personById(caller.network.id, personId);
  return person ?? refused(404, PEOPLE_LIST_FIELD, 'That person is not in this network. Reload the page to see who is.');
}

const isOutcome = (value: Person | AdminOutcome): value is AdminOutcome => 'ok' in value;

/** Whether taking this active coordinator's role or access away would leave the network without one. */
async function isLastCoordinator(store: Store, caller: PersonCaller, person: Person): Promise<boolean> {
  return person.role === 'coordinator' && person.active && (await store.accounts.countActiveCoordinators(caller.network.id)) <= 1;
}

export async function invite(
  store: Store,
  caller: PersonCaller,
  input: { email: string; role: string; organisationId: string },
  origin: string,
  mail: MailSettings
): Promise<AdminOutcome> {
  if (!PersonRole.safeParse(input.role).success) {
    const email = Email.safeParse(input.email);
    const errors = email.success ? [] : [{ field: 'invite-email', message: email.error.issues[0].message }];
    return { ok: false, status: 400, errors: [...errors, { field: 'invite-role', message: 'Choose what they will do: their role' }] };
  }
  // A coordinator has no organisation; anchor staff may have one.
  const organisationId = input.role === 'coordinator' ? '' : input.organisationId;
  const outcome = await invitePerson(store, caller, { ...input, organisationId }, origin, mail);
  if (!outcome.ok) return { ok: false, status: 400, errors: outcome.errors };
  return {
    ok: true,
    saved: outcome.made.mailed ? `Invitation emailed to ${outcome.email}.` : `Invitation made for ${outcome.email}.`,
    link: { kind: 'invitation', email: outcome.email, ...outcome.made }
  };
}

export async function withdrawInvitation(store: Store, caller: PersonCaller, invitationId: string): Promise<AdminOutcome> {
  if (!LinkId.safeParse(invitationId).success) return refused(400, INVITATIONS_FIELD, 'Choose an invitation from the list. Reload the page and try again.');
  const invitation = (await store.accounts.pendingInvitations(caller.network.id)).find((i) => i.id === invitationId);
  if (!invitation) return { ok: true, saved: 'That invitation had already been accepted, withdrawn or expired.' };
  await store.accounts.withdrawAccountLinks(caller.network.id, invitation.email, 'invitation');
  await audit(store, caller, 'invitation-revoked', invitation.email, { role: invitation.role });
  return { ok: true, saved: `Invitation withdrawn: ${invitation.email} can no longer use its link.` };
}

export async function changeRole(
  store: Store,
  caller: PersonCaller,
  input: { personId: string; role: string; organisationId: string }
): Promise<AdminOutcome> {
  const person = await personFrom(store, caller, input.personId);
  if (isOutcome(person)) return person;
  if (person.id === caller.person.id) return refused(400, roleField(person.id), 'You cannot change your own role. Ask another coordinator to.');
  const role = PersonRole.safeParse(input.role);
  if (!role.success) return refused(400, roleField(person.id), `Choose a role for ${person.name}`);
  const organisations = (await store.getReferenceData())?.organisations ?? [];
  let organisationId: string | null = null;
  if (role.data !== 'coordinator' && input.organisationId) {
    const organisation = organisations.find((o) => o.id === input.organisationId);
    if (!organisation) return refused(400, organisationField(person.id), 'Choose one of the network’s organisations');
    organisationId = organisation.id;
  }
  if (role.data === 'lead' && !organisationId) return refused(400, organisationField(person.id), `Choose the organisation ${person.name} leads`);
  if (role.data === person.role && organisationId === person.organisationId) return { ok: true, saved: `${person.name}’s role is unchanged.` };
  if (role.data !== 'coordinator' && (await isLastCoordinator(store, caller, person))) {
    return refused(400, roleField(person.id), `${person.name} is the network’s only active coordinator. Make someone else a coordinator first.`);
  }
  const changed = await store.accounts.updatePerson(caller.network.id, person.id, { role: role.data, organisationId });
  if (!changed) return refused(404, PEOPLE_LIST_FIELD, 'That person is not in this network. Reload the page to see who is.');
  const organisationName = organisations.find((o) => o.id === organisationId)?.name ?? null;
  await audit(store, caller, 'role-changed', person.email, { from: person.role, to: role.data, organisation: organisationName });
  const roleName = ROLE_NAMES[role.data].toLowerCase();
  return {
    ok: true,
    saved: `${person.name} is now ${roleName}${organisationName ? ` for ${organisationName}` : ''}. They sign in again to use their new role.`
  };
}

export async function setActive(store: Store, caller: PersonCaller, personId: string, active: boolean): Promise<AdminOutcome> {
  const person = await personFrom(store, caller, personId);
  if (isOutcome(person)) return person;
  if (person.id === caller.person.id) return refused(400, personField(person.id), 'You cannot switch off your own account. Ask another coordinator to.');
  if (person.active === active) return { ok: true, saved: `${person.name}’s account was already ${active ? 'on' : 'off'}.` };
  if (!active && (await isLastCoordinator(store, caller, person))) {
    return refused(400, personField(person.id), `${person.name} is the network’s only active coordinator. Make someone else a coordinator first.`);
  }
  await store.accounts.updatePerson(caller.network.id, person.id, { active });
  await audit(store, caller, active ? 'person-reactivated' : 'person-deactivated', person.email);
  return {
    ok: true,
    saved: active ? `${person.name} can sign in again.` : `${person.name} can no longer sign in, and has been signed out everywhere.`
  };
}

export async function unlock(store: Store, caller: PersonCaller, personId: string): Promise<AdminOutcome> {
  const person = await personFrom(store, caller, personId);
  if (isOutcome(person)) return person;
  await store.accounts.unlockPerson(caller.network.id, person.id);
  await audit(store, caller, 'person-unlocked', person.email);
  return { ok: true, saved: `${person.name}’s account is unlocked: they can sign in now.` };
}

export async function resetLink(store: Store, caller: PersonCaller, personId: string, origin: string, mail: MailSettings): Promise<AdminOutcome> {
  const person = await personFrom(store, caller, personId);
  if (isOutcome(person)) return person;
  if (!person.active) return refused(400, personField(person.id), `${person.name}’s account is switched off. Switch it on first.`);
  const made = await makeResetLink(store, caller.network.id, person, caller.person.id, origin, mail);
  await audit(store, caller, 'password-reset-created', person.email, { mailed: made.mailed });
  return {
    ok: true,
    saved: made.mailed ? `Password reset link emailed to ${person.email}.` : `Password reset link made for ${person.name}.`,
    link: { kind: 'password-reset', email: person.email, ...made }
  };
}

/** What Settings › People lists. */
export async function peopleView(store: Store, caller: PersonCaller) {
  const [people, invitations, reference] = await Promise.all([
    store.accounts.listPeople(caller.network.id),
    store.accounts.pendingInvitations(caller.network.id),
    store.getReferenceData()
  ]);
  return {
    you: caller.person.id,
    people,
    invitations,
    organisations: (reference?.organisations ?? []).map(({ id, name }) => ({ id, name }))
  };
}
