import { fail, redirect } from '@sveltejs/kit';
import { DEFAULT_THEME_NAMES } from '$lib/domain/theme';
import { SetupInputError, prepareNetworkSetup, themeNamesFromText } from '$lib/server/network-setup';
import { NetworkAlreadySetUpError } from '$lib/server/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (await locals.store.getNetwork()) redirect(303, '/');
  return { defaultThemes: DEFAULT_THEME_NAMES.join('\n') };
};

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const values = { name: String(form.get('name') ?? ''), themes: String(form.get('themes') ?? '') };
    const file = form.get('wards');
    if (!(file instanceof File) || file.size === 0) {
      return fail(400, { values, field: 'wards', error: 'Choose a ward boundary file: a GeoJSON file of wards from the ONS Open Geography Portal.' });
    }
    try {
      const setup = prepareNetworkSetup({
        name: values.name,
        themeNames: themeNamesFromText(values.themes),
        boundaryFileText: await file.text()
      });
      await locals.store.setUpNetwork(setup);
    } catch (error) {
      if (error instanceof SetupInputError) return fail(400, { values, field: error.field, error: error.message });
      if (error instanceof NetworkAlreadySetUpError) redirect(303, '/');
      throw error;
    }
    redirect(303, '/capture');
  }
};
