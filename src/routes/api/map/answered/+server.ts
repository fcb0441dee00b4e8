import { json } from '@sveltejs/kit';
import { PEOPLE } from '$lib/domain/access';
import { ThemeId } from '$lib/domain/theme';
import { apiError } from '$lib/server/api-error';
import { guardEndpoint } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/**
 * The wards anchors have responded for on a theme (?theme=…), for the map's "raised but not yet
 * answered" view: the map's figures (GET /api/map, with every filter) say where it was raised.
 * Never cached: a response saved a moment ago must drop its wards at once.
 */
export const GET: RequestHandler = guardEndpoint(PEOPLE, async ({ locals, url }, caller) => {
  const themeId = ThemeId.safeParse(url.searchParams.get('theme'));
  if (!themeId.success) return apiError(400, 'invalid', 'Say which theme: add ?theme=<theme id>');
  const answered = await locals.store.responses.answeredWards(caller.network.id, themeId.data);
  return json(answered, { headers: { 'cache-control': 'private, no-store' } });
});
