import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { apiError } from '$lib/server/api-error';
import { resolveCaller } from '$lib/server/auth/caller';
import { guardPage } from '$lib/server/auth/guard';
import { foreignRequestRefusal } from '$lib/server/auth/same-origin';
import { compressResponses } from '$lib/server/compress-response';
import { mailSettingsFromEnv } from '$lib/server/auth/mail';
import { startContactRetentionJob } from '$lib/server/contact-retention';
import { startMonthlySummaryJob } from '$lib/server/monthly-summary';
import { limitRequestBody } from '$lib/server/request-body-limit';
import { sealingKeysFromEnv } from '$lib/server/sealing-keys';
import { finishRequest, handleServerError, startRequest } from '$lib/server/request-id';
import { describeStore, openStore, storeConfigFromEnv, type Store } from '$lib/server/store';
import { useEnglishValidationMessages } from '$lib/server/zod-messages';

let store: Store | undefined;

export const init: ServerInit = async () => {
  useEnglishValidationMessages();
  if (building) return; // prerendering the app shell needs no database
  sealingKeysFromEnv(env); // a mistyped SEALING_PRIVATE_KEYS stops the server at once, saying what to fix
  const config = storeConfigFromEnv(env);
  store = await openStore(config);
  console.log(`Anchor Listening: data in ${describeStore(config)}`);
  const log = (message: string, error?: unknown) => (error ? console.error(message, error) : console.log(message));
  // Follow-up contact details past the network's retention period: deleted now and every 24 hours.
  const stopRetentionJob = startContactRetentionJob(store, { log });
  // Where the network asks for it and mail is set up: last month's ward × theme counts to its coordinators.
  const stopSummaryJob = startMonthlySummaryJob(store, mailSettingsFromEnv(env), { log });
  // adapter-node emits this after SIGTERM/SIGINT once requests are done: close the database cleanly.
  process.once('sveltekit:shutdown', async () => {
    await Promise.all([stopRetentionJob(), stopSummaryJob()]);
    await store?.close();
    console.log('Anchor Listening: database closed');
  });
};

/**
 * Every request: the JSON API answers only the app's own pages; the caller (person, tablet) is
 * resolved once into `locals`; every page is admitted by `PAGE_ACCESS` (endpoints admit their
 * callers themselves, with `guardEndpoint`).
 */
const handleCaller: Handle = async ({ event, resolve }) => {
  if (!store) return resolve(event); // prerendering
  startRequest(event);
  event.locals.store = store;
  const isApi = event.url.pathname.startsWith('/api/');
  if (isApi) {
    const refusal = foreignRequestRefusal(event.request, event.url);
    if (refusal) return apiError(403, 'forbidden', refusal);
  }
  Object.assign(event.locals, await resolveCaller(store, event));
  if (event.route.id && !isApi) guardPage(event);
  return finishRequest(event, await resolve(event));
};

/**
 * Answers are compressed for the browser that asked (compress-response.ts), outermost so refusals
 * are too; a request's body is held to its route's limit before anything reads it (request-body-limit.ts).
 */
export const handle = sequence(compressResponses, limitRequestBody, handleCaller);

/** A 500 is a bug: logged with the request's id, which the answer carries (issue 11). */
export const handleError: HandleServerError = handleServerError;
