import { error, fail } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { addWorker, removeWorker, setWorkerPin } from '$lib/server/auth/workers';
import { idFrom, textFrom } from '$lib/server/manage/ids';
import { workersView } from '$lib/server/manage/workers-view';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

// Coordinators and leads (PAGE_ACCESS); a lead only ever sees and acts for their own organisation.

export const load: PageServerLoad = async ({ locals, url }) => {
  const requested = url.searchParams.get('organisation') || null;
  const organisationId = requested === null ? null : idFrom(requested);
  if (requested !== null && !organisationId) error(400, 'That link does not name an organisation. Choose one from the list of organisations.');
  const view = await workersView(locals.store, pagePerson(locals), organisationId);
  if (!view) error(404, 'There is no such organisation in this network. Choose one from the list of organisations.');
  return view;
};

/** An error about a worker who is not listed links to the list. */
const notListed = (message: string) => [{ field: 'workers', message }];

export const actions: Actions = {
  add: async ({ request, locals }) => {
    const form = await readForm(request);
    const added = await addWorker(locals.store, pagePerson(locals), {
      organisationId: textFrom(form, 'organisationId'),
      name: textFrom(form, 'name'),
      pin: textFrom(form, 'pin')
    });
    if (!added.ok) return fail(400, { action: 'add' as const, errors: added.errors });
    return { action: 'add' as const, saved: added.value };
  },

  setPin: async ({ request, locals }) => {
    const form = await readForm(request);
    const workerId = idFrom(form.get('workerId'));
    if (!workerId) return fail(400, { action: 'setPin' as const, errors: notListed('That worker is not listed. Choose one from the list.') });
    const set = await setWorkerPin(locals.store, pagePerson(locals), workerId, textFrom(form, 'pin'));
    if (!set.ok) return fail(400, { action: 'setPin' as const, errors: set.errors });
    return { action: 'setPin' as const, saved: set.value };
  },

  remove: async ({ request, locals }) => {
    const form = await readForm(request);
    const workerId = idFrom(form.get('workerId'));
    if (!workerId) return fail(400, { action: 'remove' as const, errors: notListed('That worker is not listed. Choose one from the list.') });
    return { action: 'remove' as const, saved: await removeWorker(locals.store, pagePerson(locals), workerId) };
  }
};
