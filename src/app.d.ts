import type { DeviceRecord } from '$lib/domain/device';
import type { Network } from '$lib/domain/network';
import type { SignedInPerson } from '$lib/server/auth/sessions';
import type { Store } from '$lib/server/store';

declare global {
  namespace App {
    interface Locals {
      store: Store;
      /** Resolved once per request in hooks.server.ts; null before first-run set-up. */
      network: Network | null;
      /** The person signed in with this browser's session cookie, if any. */
      person: SignedInPerson | null;
      /** The enrolled tablet whose device credential this browser holds, if any (any status). */
      device: DeviceRecord | null;
      /** Set first in hooks.server.ts; logged with a failure and sent with its answer. */
      requestId?: string;
    }
    interface Error {
      message: string;
      /** On an unexpected failure: the id it was logged under. */
      requestId?: string;
      /** In the browser: the page's data could not be fetched because the server could not be reached. */
      unreachable?: boolean;
    }
  }
}

export {};
