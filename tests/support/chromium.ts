import { CHROMIUM_ARGS, chromiumPath } from '../../src/lib/server/chromium';

/** Debian's Chromium, with flags that keep it off the closed network of CI machines. */
export const CHROMIUM_LAUNCH_OPTIONS = { executablePath: chromiumPath(), args: CHROMIUM_ARGS };
