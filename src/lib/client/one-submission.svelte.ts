import type { SubmitFunction } from '@sveltejs/kit';

/** What a form does around the page's update, beside `onSaved`. */
export interface SubmissionHooks {
  /** Before a redirect is followed: e.g. a sign-in lets this browser load the network's wards. */
  beforeRedirect?: () => Promise<void>;
  /** After every answer, saved or refused: e.g. passwords are never kept on the page. */
  settled?: () => void;
}

/**
 * A form's submissions (for `use:enhance`): one at a time, what was typed kept when the server
 * refuses it, and `onSaved` called after a success (clear a field, put focus back). Made in a
 * component's script.
 */
export class OneSubmission {
  busy = $state(false);
  /** Submissions answered so far: an error summary takes focus again on each (`focusKey`). */
  attempts = $state(0);

  submit(onSaved: (submitter: HTMLElement | null) => void = () => {}, hooks: SubmissionHooks = {}): SubmitFunction {
    return ({ cancel, submitter }) => {
      if (this.busy) return cancel();
      this.busy = true;
      return async ({ result, update }) => {
        try {
          if (result.type === 'redirect') await hooks.beforeRedirect?.();
          await update({ reset: false });
          hooks.settled?.();
          if (result.type === 'success') onSaved(submitter);
        } finally {
          this.busy = false;
          this.attempts += 1;
        }
      };
    };
  }
}
