import { fail, redirect } from '@sveltejs/kit';
import { checkIndicatorId, indicatorSettingsView, uploadWardIndicator } from '$lib/server/ward-indicator-upload';
import type { Actions, PageServerLoad } from './$types';

// A coordinator's page. There are no accounts yet; when roles arrive, load and every action here
// check for the coordinator role.

async function reference(locals: App.Locals) {
  const data = await locals.store.getReferenceData();
  if (!data) redirect(303, '/setup');
  return data;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const load: PageServerLoad = async ({ locals }) => {
  const { network, wards } = await reference(locals);
  return indicatorSettingsView(locals.store, network.id, wards.length);
};

export const actions: Actions = {
  upload: async ({ request, locals }) => {
    const form = await request.formData();
    const file = form.get('file');
    const outcome = await uploadWardIndicator(locals.store, await reference(locals), {
      name: text(form, 'name'),
      source: text(form, 'source'),
      direction: text(form, 'direction'),
      codeColumn: text(form, 'codeColumn'),
      valueColumn: text(form, 'valueColumn'),
      file: file instanceof File ? file : null
    });
    if (!outcome.ok) return fail(400, { action: 'upload' as const, ...outcome });
    return { action: 'upload' as const, saved: outcome.saved };
  },

  remove: async ({ request, locals }) => {
    const form = await request.formData();
    const id = checkIndicatorId(text(form, 'indicatorId'));
    const { network } = await reference(locals);
    const name = id ? await locals.store.deleteWardIndicator(network.id, id) : null;
    return { action: 'remove' as const, removed: name ? `Indicator removed: ${name}` : 'That indicator was already removed.' };
  }
};
