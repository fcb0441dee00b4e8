import * as z from 'zod/mini';

/**
 * zod/mini keeps the browser bundle small by leaving out its English messages; the server, whose
 * refusals name the problem to API clients and coordinators, loads them.
 */
export function useEnglishValidationMessages(): void {
  z.config(z.locales.en());
}
