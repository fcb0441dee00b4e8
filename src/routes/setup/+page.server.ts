import { fail, redirect } from '@sveltejs/kit';
import { DEFAULT_THEME_NAMES } from '$lib/domain/theme';
import { startSession } from '$lib/server/auth/sessions';
import { checkFirstRun, setUpFirstRun } from '$lib/server/first-run-setup';
import { themeNamesFromText } from '$lib/server/network-setup';
import { NetworkAlreadySetUpError } from '$lib/server/store';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/form-data';

export const load: PageServerLoad = async ({ locals }) => {
  if (locals.network) redirect(303, '/');
  return { defaultThemes: DEFAULT_THEME_NAMES.join('\n') };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = await readForm(request);
    // Kept to show again when something is wrong; passwords never are.
    const values = {
      name: text(form, 'name').slice(0, 500),
      themes: text(form, 'themes').slice(0, 20_000),
      coordinatorName: text(form, 'coordinatorName').slice(0, 500),
      coordinatorEmail: text(form, 'coordinatorEmail').slice(0, 500)
    };
    const file = form.get('wards');
    const checked = await checkFirstRun({
      name: values.name,
      themeNames: themeNamesFromText(values.themes),
      boundaryFileText: file instanceof File && file.size > 0 ? await file.text() : null,
      coordinator: { name: values.coordinatorName, email: values.coordinatorEmail, password: text(form, 'password'), passwordAgain: text(form, 'passwordAgain') }
    });
    // A file that was fine is named, so the page can say it is still chosen.
    const wardsFile = checked.wardsRead > 0 && file instanceof File ? { name: file.name.slice(0, 200), wards: checked.wardsRead } : null;
    if (!checked.ok) return fail(400, { values, errors: checked.errors, wardsFile });
    try {
      const { coordinator } = await setUpFirstRun(locals.store, checked.value, 'set-up page');
      await startSession(locals.store, cookies, url, coordinator.id);
    } catch (error) {
      if (error instanceof NetworkAlreadySetUpError) redirect(303, '/');
      throw error;
    }
    redirect(303, '/settings/people?welcome');
  }
};
