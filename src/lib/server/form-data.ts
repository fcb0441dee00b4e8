import { error } from '@sveltejs/kit';

/**
 * A submitted form, or a 400: a body that says it is a form but is not one (a broken upload, a
 * hand-made request) is the sender's mistake, never a server failure (issue 11).
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    error(400, 'The form could not be read. Go back to the page and send it again.');
  }
}
