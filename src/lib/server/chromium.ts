import { existsSync } from 'node:fs';

/** Debian's Chromium unless CHROMIUM_PATH names another: the server's PDFs and the tests use it alike. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = () => existsSync(chromiumPath());

/** Flags that keep Chromium off the network and working in a container (no sandbox, GPU or /dev/shm). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];
