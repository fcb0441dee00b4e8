import * as z from 'zod/mini';
import { trimmedText } from './text';

/** ONS GSS code of an electoral ward: E05 England, W05 Wales, S13 Scotland, N08 Northern Ireland. */
export const WardCode = z.string().check(z.regex(/^(E05|W05|S13|N08)\d{6}$/, 'A ward code is an ONS GSS code such as E05011234'));

/** ONS GSS code of a local authority district (E06/E07/E08/E09, W06, S12, N09). */
export const LocalAuthorityCode = z
  .string()
  .check(z.regex(/^(E0[6-9]|W06|S12|N09)\d{6}$/, 'A local authority code is an ONS GSS code such as E08000035'));

const Name = trimmedText(200, 'A name must be 200 characters or fewer', 'A name cannot be empty');

export const Ward = z.object({
  code: WardCode,
  name: Name,
  localAuthorityCode: LocalAuthorityCode,
  localAuthorityName: Name
});
export type Ward = z.infer<typeof Ward>;
