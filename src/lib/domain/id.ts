import * as z from 'zod/mini';

/**
 * Ids are UUIDs in their one canonical form, lower case (issue 11). PostgreSQL's uuid type would
 * store an upper-case id lower-cased, so the device that sent it and every other device would
 * know the record by different ids: an id in any other form is refused, never rewritten.
 */
const LOWER_CASE = /^[0-9a-f-]+$/;
const CANONICAL = 'An id must be a UUID in lower case';

export const Id = z.uuid(CANONICAL).check(z.regex(LOWER_CASE, CANONICAL));

/** A client-made id: UUIDv7, time-ordered (SYNC-SPEC S2). */
export const IdV7 = z.uuidv7('An id must be a version 7 UUID in lower case').check(z.regex(LOWER_CASE, CANONICAL));

/** Whether `value` is an id in canonical form: for ids in paths and form fields. */
export const isId = (value: unknown): value is string => Id.safeParse(value).success;
