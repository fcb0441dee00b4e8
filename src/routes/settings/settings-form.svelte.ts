import type { SubmitFunction } from '@sveltejs/kit';
import { getFieldApp } from '$lib/client/field-app.svelte';

/**
 * One settings form's submissions (for `use:enhance`): one at a time, what was typed kept when
 * the server refuses it, and after a save `onSaved` (clear fields, put focus back) and this
 * device's reference data refreshed so it shows the change at once. Made in a component's script.
 */
export class SettingsForm {
  busy = $state(false);
  #app = getFieldApp();

  submit(onSaved: (submitter: HTMLElement | null) => void): SubmitFunction {
    return ({ cancel, submitter }) => {
      if (this.busy) return cancel();
      this.busy = true;
      return async ({ result, update }) => {
        await update({ reset: false });
        if (result.type === 'success') {
          onSaved(submitter);
          void this.#app.refreshReference();
        }
        this.busy = false;
      };
    };
  }
}
