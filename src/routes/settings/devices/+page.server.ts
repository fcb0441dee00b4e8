import { fail } from '@sveltejs/kit';
import { createEnrolment } from '$lib/server/auth/enrolment';
import { pagePerson } from '$lib/server/auth/guard';
import { idFrom, textFrom } from '$lib/server/manage/ids';
import { changeTabletStatus, TABLETS_FIELD, tabletsView } from '$lib/server/manage/tablets';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

// Coordinators and leads (PAGE_ACCESS); a lead only ever sees and acts on their organisation's tablets.

export const load: PageServerLoad = async ({ locals }) => tabletsView(locals.store, pagePerson(locals));

const notListed = [{ field: TABLETS_FIELD, message: 'That tablet is not listed. Choose one from the list.' }];

/** Retire or report lost: the tablet's id is checked before it reaches the store. */
async function setStatus(event: { request: Request; locals: App.Locals }, status: 'retiring' | 'lost') {
  const action = status === 'lost' ? ('lost' as const) : ('retire' as const);
  const deviceId = idFrom((await readForm(event.request)).get('deviceId'));
  if (!deviceId) return fail(400, { action, errors: notListed });
  const changed = await changeTabletStatus(event.locals.store, pagePerson(event.locals), deviceId, status);
  if (!changed.ok) return fail(400, { action, errors: changed.errors });
  return { action, saved: changed.value };
}

export const actions: Actions = {
  enrol: async ({ request, locals, url }) => {
    const form = await readForm(request);
    const made = await createEnrolment(
      locals.store,
      pagePerson(locals),
      { organisationId: textFrom(form, 'organisationId'), label: textFrom(form, 'label') },
      url.origin
    );
    if (!made.ok) return fail(400, { action: 'enrol' as const, errors: made.errors });
    return { action: 'enrol' as const, enrolment: made.value };
  },
  retire: (event) => setStatus(event, 'retiring'),
  lost: (event) => setStatus(event, 'lost')
};
