import { ROLE_NAMES } from '$lib/domain/access';
import { fieldErrorsFromIssues, type FieldError } from '$lib/domain/field-error';
import { InvitationFields, NewPassword, PersonName, type Person } from '$lib/domain/person';
import { EmailTakenError, type Store } from '../store';
import { audit } from './audit';
import type { PersonCaller } from './guard';
import { mailLink, type MailSettings } from './mail';
import { hashPassword } from './passwords';
import { hashSecret, newToken } from './secrets';

/**
 * Invitations and password resets are single-use links that expire. The coordinator sees the
 * link to pass on unless the server can mail it (SMTP_URL).
 */
export const INVITATION_HOURS = 7 * 24;
export const RESET_HOURS = 2;



export interface LinkMade {
  /** The link itself, shown to the coordinator when it could not be mailed. */
  url: string;
  mailed: boolean;
}

export type InvitationOutcome = { ok: true; made: LinkMade; email: string } | { ok: false; errors: FieldError[] };

/** Invites someone by email to a role; an earlier invitation to the same email is withdrawn. */
export async function invitePerson(
  store: Store,
  caller: PersonCaller,
  input: { email: string; role: string; organisationId: string },
  origin: string,
  mail: MailSettings
): Promise<InvitationOutcome> {
  const parsed = InvitationFields.safeParse({ ...input, organisationId: input.organisationId || null });
  if (!parsed.success) {
    const fields: Record<string, string> = { email: 'invite-email', role: 'invite-role', organisationId: 'invite-organisation' };
    return { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues, ([head]) => fields[String(head)] ?? 'invite-email') };
  }
  const { email, role, organisationId } = parsed.data;
  const reference = await store.getReferenceData();
  if (organisationId && !reference?.organisations.some((o) => o.id === organisationId)) {
    return { ok: false, errors: [{ field: 'invite-organisation', message: 'Choose one of the network’s organisations' }] };
  }
  if (role === 'lead' && !organisationId) {
    return { ok: false, errors: [{ field: 'invite-organisation', message: 'Choose the organisation this lead manages' }] };
  }
  if (await store.accounts.personByEmail(caller.network.id, email)) {
    return { ok: false, errors: [{ field: 'invite-email', message: `${email} already has an account` }] };
  }
  await store.accounts.withdrawAccountLinks(caller.network.id, email, 'invitation');
  const token = newToken();
  await store.accounts.createAccountLink(caller.network.id, {
    id: hashSecret(token),
    kind: 'invitation',
    email,
    role,
    organisationId,
    personId: null,
    createdBy: caller.person.id,
    validHours: INVITATION_HOURS
  });
  const url = `${origin}/invitation/${token}`;
  const mailed = await mailLink(mail, {
    to: email,
    subject: `Invitation to ${caller.network.name} on Anchor Listening`,
    text:
      `${caller.person.name} has invited you to ${caller.network.name} on Anchor Listening as ${ROLE_NAMES[role].toLowerCase()}.\n\n` +
      `Open this link within 7 days to choose your password:\n${url}\n\nThe link works once. If you did not expect it, ignore this email.`
  });
  await audit(store, caller, 'invitation-created', email, { role, mailed });
  return { ok: true, made: { url, mailed }, email };
}

/** A password-reset link for a person, made by a coordinator (or asked for by the person, when mail works). */
export async function makeResetLink(
  store: Store,
  networkId: string,
  person: Person,
  createdBy: string | null,
  origin: string,
  mail: MailSettings
): Promise<LinkMade> {
  await store.accounts.withdrawAccountLinks(networkId, person.email, 'password-reset');
  const token = newToken();
  await store.accounts.createAccountLink(networkId, {
    id: hashSecret(token),
    kind: 'password-reset',
    email: person.email,
    role: null,
    organisationId: null,
    personId: person.id,
    createdBy,
    validHours: RESET_HOURS
  });
  const url = `${origin}/reset-password/${token}`;
  const mailed = await mailLink(mail, {
    to: person.email,
    subject: 'Reset your Anchor Listening password',
    text: `Open this link within ${RESET_HOURS} hours to choose a new password:\n${url}\n\nThe link works once. If you did not ask for it, ignore this email.`
  });
  return { url, mailed };
}

export type NewPasswordOutcome = { ok: true; passwordHash: string } | { ok: false; errors: FieldError[] };

/** Checks a new password typed twice and hashes it. */
export async function checkNewPassword(password: string, confirmation: string, field = 'password'): Promise<NewPasswordOutcome> {
  const parsed = NewPassword.safeParse(password);
  // Both problems at once: a short password typed differently twice needs both boxes fixed.
  const errors = [
    ...(parsed.success ? [] : [{ field, message: parsed.error.issues[0].message }]),
    ...(password !== confirmation && (parsed.success || confirmation !== '') ? [{ field: `${field}-again`, message: 'The two passwords are not the same' }] : [])
  ];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, passwordHash: await hashPassword(password) };
}

export type AcceptOutcome = { ok: true; person: Person } | { ok: false; errors: FieldError[] } | { ok: false; expired: true };

/** Accepts an invitation with the name and password the person chose. */
export async function acceptInvitation(
  store: Store,
  token: string,
  input: { name: string; password: string; passwordAgain: string }
): Promise<AcceptOutcome> {
  const name = PersonName.safeParse(input.name);
  const password = await checkNewPassword(input.password, input.passwordAgain);
  const errors = [...(name.success ? [] : [{ field: 'name', message: name.error.issues[0].message }]), ...(password.ok ? [] : password.errors)];
  if (!name.success || !password.ok) return { ok: false, errors };
  try {
    const accepted = await store.accounts.acceptInvitation(hashSecret(token), { name: name.data, passwordHash: password.passwordHash });
    if (!accepted) return { ok: false, expired: true };
    await store.audit.record(accepted.networkId, {
      actor: { kind: 'person', id: accepted.person.id, name: accepted.person.name },
      action: 'invitation-accepted',
      subject: accepted.person.email,
      details: { role: accepted.person.role }
    });
    return { ok: true, person: accepted.person };
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return { ok: false, errors: [{ field: 'name', message: `${error.message} Sign in instead, or ask your coordinator.` }] };
  }
}
