import * as z from 'zod/mini';
import { Id } from './id';
import { storableText, trimmedText } from './text';
import { PersonRole } from './access';

/**
 * People who sign in: coordinators, organisation leads and anchor staff. Their email is how they
 * sign in (unique in the network whatever its case); a lead always belongs to an organisation.
 */
export const Email = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Enter an email address'),
    z.maxLength(254, 'An email address must be 254 characters or fewer'),
    storableText(),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the right format, like name@example.org')
  );

export const PersonName = trimmedText(120, 'A name must be 120 characters or fewer', 'Enter a name');

export const PASSWORD_MIN_LENGTH = 10;
/** Argon2 hashes whatever it is given: a bound keeps a huge "password" from costing the server. */
export const PASSWORD_MAX_LENGTH = 200;

/** NCSC advice: length over complexity (three random words make a good one); no composition rules. */
export const NewPassword = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `A password must be at least ${PASSWORD_MIN_LENGTH} characters: three random words make a good one`),
    z.maxLength(PASSWORD_MAX_LENGTH, `A password must be ${PASSWORD_MAX_LENGTH} characters or fewer`)
  );

export const Person = z.object({
  id: Id,
  email: Email,
  name: PersonName,
  role: PersonRole,
  organisationId: z.nullable(Id),
  active: z.boolean()
});
export type Person = z.infer<typeof Person>;

/** A person as listed for a coordinator: with their organisation's name and whether they are locked out. */
export interface ListedPerson extends Person {
  organisationName: string | null;
  lockedUntil: string | null;
}

/** Who someone is to be invited as. */
export const InvitationFields = z.object({
  email: Email,
  role: PersonRole,
  organisationId: z.nullable(Id)
});
export type InvitationFields = z.infer<typeof InvitationFields>;
