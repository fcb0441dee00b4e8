import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's submissions (for `use:enhance`): one at a time, what was typed kept when the server
 * refuses it, and `onSaved` called after a success (clear a field, put focus back). Made in a
 * component's script.
 */
export class OneSubmission {
  busy = $state(false);
  /** Submissions answered so far: an error summary takes focus again on each (`focusKey`). */
  attempts = $state(0);

  submit(onSaved: (submitter: HTMLElement | null) => void = () => {}): SubmitFunction {
    return ({ cancel, submitter }) => {
      if (this.busy) return cancel();
      this.busy = true;
      return async ({ result, update }) => {
        try {
          await update({ reset: false });
          if (result.type === 'success') onSaved(submitter);
        } finally {
          this.busy = false;
          this.attempts += 1;
        }
      };
    };
  }
}
