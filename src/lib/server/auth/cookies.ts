import type { Cookies } from '@sveltejs/kit';

/** The session (a person) and the device credential (an enrolled tablet) travel in httpOnly cookies. */
export const SESSION_COOKIE = 'al_session';
export const DEVICE_COOKIE = 'al_device';

/** Browsers keep a cookie at most 400 days; a tablet's is renewed at every sync, so it never lapses while in use. */
const DEVICE_COOKIE_DAYS = 400;

function options(url: URL, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: maxAgeSeconds } as const;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string): void {
  const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  cookies.set(SESSION_COOKIE, token, options(url, seconds));
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, options(url, 0));
}

export function setDeviceCookie(cookies: Cookies, url: URL, credential: string): void {
  cookies.set(DEVICE_COOKIE, credential, options(url, DEVICE_COOKIE_DAYS * 24 * 60 * 60));
}

export function clearDeviceCookie(cookies: Cookies, url: URL): void {
  cookies.delete(DEVICE_COOKIE, options(url, 0));
}
