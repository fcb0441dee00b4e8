import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { pagePerson } from '$lib/server/auth/guard';
import { checkIndicatorId, indicatorSettingsView, uploadWardIndicator } from '$lib/server/ward-indicator-upload';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

// A coordinator's page (PAGE_ACCESS); uploads and removals are written to the audit log.

async function wards(locals: App.Locals) {
  const data = await locals.store.getReferenceData();
  if (!data) redirect(303, '/setup');
  return data.wards;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const load: PageServerLoad = async ({ locals }) => {
  const { network } = pagePerson(locals);
  return indicatorSettingsView(locals.store, network.id, (await wards(locals)).length);
};

export const actions: Actions = {
  upload: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const file = form.get('file');
    const outcome = await uploadWardIndicator(locals.store, { network: caller.network, wards: await wards(locals) }, {
      name: text(form, 'name'),
      source: text(form, 'source'),
      direction: text(form, 'direction'),
      codeColumn: text(form, 'codeColumn'),
      valueColumn: text(form, 'valueColumn'),
      file: file instanceof File ? file : null
    });
    if (!outcome.ok) return fail(400, { action: 'upload' as const, ...outcome });
    const { name, wards: valued, replaced } = outcome.saved;
    await audit(locals.store, caller, 'indicator-uploaded', name, { wards: valued, replaced, file: file instanceof File ? file.name.slice(0, 200) : null });
    return { action: 'upload' as const, saved: outcome.saved };
  },

  remove: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const form = await readForm(request);
    const id = checkIndicatorId(text(form, 'indicatorId'));
    const name = id ? await locals.store.deleteWardIndicator(caller.network.id, id) : null;
    if (name) await audit(locals.store, caller, 'indicator-removed', name);
    return { action: 'remove' as const, removed: name ? `Indicator removed: ${name}` : 'That indicator was already removed.' };
  }
};
