import type { HandleClientError } from '@sveltejs/kit';

/**
 * How fetch fails when nothing answers: Chromium "Failed to fetch", Firefox "NetworkError when
 * attempting to fetch resource.", Safari "Load failed".
 */
const NO_ANSWER = /failed to fetch|networkerror|load failed|network request failed/i;

/**
 * A page whose data lives on the server, opened offline (or with the server down), fails to load
 * its data: said as that, so the error page can offer what works offline instead of "Internal Error".
 */
export const handleError: HandleClientError = ({ error, status }) => {
  const unreachable = !navigator.onLine || (error instanceof TypeError && NO_ANSWER.test(error.message)) || status === 502 || status === 503 || status === 504;
  if (unreachable) return { message: "This page needs a connection to the server.", unreachable: true };
  return { message: status === 404 ? 'Not found' : 'Internal Error' };
};
