import type { Cookies } from '@sveltejs/kit';
import { DEVICE_COOKIE, setDeviceCookie } from '../auth/cookies';
import type { DeviceCaller } from '../auth/guard';
import type { Store } from '../store';

/** The header a tablet's app names its version in, shown on Settings › Tablets. */
export const APP_VERSION_HEADER = 'x-app-version';

/**
 * Notes when a tablet last synced and on which version of the app; at a pull (once a sync) its
 * credential cookie is renewed, so a tablet in use never reaches the browser's cookie age limit.
 */
export async function recordSync(store: Store, caller: DeviceCaller, request: Request, renew?: { cookies: Cookies; url: URL }): Promise<void> {
  const version = request.headers.get(APP_VERSION_HEADER)?.slice(0, 80) ?? null;
  await store.devices.recordDeviceSync(caller.device.id, version);
  const credential = renew?.cookies.get(DEVICE_COOKIE);
  if (renew && credential) setDeviceCookie(renew.cookies, renew.url, credential);
}
