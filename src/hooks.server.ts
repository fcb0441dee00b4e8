import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { describeStore, openStore, storeConfigFromEnv, type Store } from '$lib/server/store';
import { useEnglishValidationMessages } from '$lib/server/zod-messages';

let store: Store | undefined;

export const init: ServerInit = async () => {
  useEnglishValidationMessages();
  if (building) return; // prerendering the app shell needs no database
  const config = storeConfigFromEnv(env);
  store = await openStore(config);
  console.log(`Anchor Listening: data in ${describeStore(config)}`);
  // adapter-node emits this after SIGTERM/SIGINT once requests are done: close the database cleanly.
  process.once('sveltekit:shutdown', async () => {
    await store?.close();
    console.log('Anchor Listening: database closed');
  });
};

export const handle: Handle = async ({ event, resolve }) => {
  if (store) event.locals.store = store;
  return resolve(event);
};
