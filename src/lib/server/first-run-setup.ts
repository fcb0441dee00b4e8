import type { Checked, FieldError } from '$lib/domain/field-error';
import { NetworkName, ThemeNames, type Network } from '$lib/domain/network';
import type { NetworkSetup } from '$lib/domain/network-setup';
import { Email, PersonName, type Person } from '$lib/domain/person';
import { checkNewPassword } from './auth/account-links';
import { inParseTurn, parseOffThread, ParsersBusyError } from './off-thread/parse-pool';
import type { Store } from './store';

/**
 * First-run set-up with its first coordinator, for the set-up page and `npm run setup`: every
 * field is checked before anything is stored, and every problem is reported at once.
 */

/** The ids of the set-up form's inputs, in the order the form shows them. */
export const SETUP_FIELDS = {
  name: 'name',
  themes: 'themes',
  wards: 'wards',
  coordinatorName: 'coordinator-name',
  coordinatorEmail: 'coordinator-email',
  password: 'password',
  passwordAgain: 'password-again'
} as const;

export interface FirstRunInput {
  name: string;
  themeNames: string[];
  /** The text of the ward boundary file; null when none was given. */
  boundaryFileText: string | null;
  coordinator: { name: string; email: string; password: string; passwordAgain: string };
}

export interface FirstRun {
  setup: NetworkSetup;
  coordinator: { name: string; email: string; passwordHash: string };
}

export const NO_WARDS_FILE = 'Choose a ward boundary file: a GeoJSON file of wards from the ONS Open Geography Portal.';

/**
 * `wardsRead` counts the wards of a boundary file that was fine, even when other fields were not:
 * the page says beside the file input that it is still chosen.
 */
export async function checkFirstRun(input: FirstRunInput): Promise<Checked<FirstRun> & { wardsRead: number }> {
  const errors: FieldError[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });

  const name = NetworkName.safeParse(input.name);
  if (!name.success) problem(SETUP_FIELDS.name, name.error.issues[0].message);
  const themeNames = ThemeNames.safeParse(input.themeNames);
  if (!themeNames.success) problem(SETUP_FIELDS.themes, themeNames.error.issues[0].message);
  let wards: NetworkSetup['wards'] = [];
  if (input.boundaryFileText === null) problem(SETUP_FIELDS.wards, NO_WARDS_FILE);
  else {
    // Read in the parse worker, off the event loop, one file at a time.
    const bytes = new TextEncoder().encode(input.boundaryFileText);
    try {
      const parsed = await inParseTurn(() => parseOffThread({ kind: 'ward-list', bytes: bytes.buffer as ArrayBuffer }));
      if (!parsed.ok) problem(SETUP_FIELDS.wards, parsed.message);
      else if (parsed.wards.length === 0) problem(SETUP_FIELDS.wards, 'The boundary file holds no wards');
      else wards = parsed.wards;
    } catch (error) {
      if (!(error instanceof ParsersBusyError)) throw error;
      problem(SETUP_FIELDS.wards, error.message);
    }
  }
  // Beside the network's name, "your" says whose name and email these are.
  const coordinatorName = PersonName.safeParse(input.coordinator.name);
  if (!coordinatorName.success) {
    problem(SETUP_FIELDS.coordinatorName, input.coordinator.name.trim() ? coordinatorName.error.issues[0].message : 'Enter your name');
  }
  const email = Email.safeParse(input.coordinator.email);
  if (!email.success) problem(SETUP_FIELDS.coordinatorEmail, input.coordinator.email.trim() ? email.error.issues[0].message : 'Enter your email address');
  const password = await checkNewPassword(input.coordinator.password, input.coordinator.passwordAgain, SETUP_FIELDS.password);
  if (!password.ok) errors.push(...password.errors);

  if (!name.success || !themeNames.success || !coordinatorName.success || !email.success || !password.ok || errors.length > 0) {
    return { ok: false, errors, wardsRead: wards.length };
  }
  return {
    ok: true,
    wardsRead: wards.length,
    value: {
      setup: { name: name.data, themeNames: themeNames.data, wards },
      coordinator: { name: coordinatorName.data, email: email.data, passwordHash: password.passwordHash }
    }
  };
}

/**
 * Stores the network with its first coordinator, all or nothing, and writes it to the audit log.
 * Throws NetworkAlreadySetUpError, changing nothing, when a network exists.
 */
export async function setUpFirstRun(store: Store, firstRun: FirstRun, via: 'set-up page' | 'command line'): Promise<{ network: Network; coordinator: Person }> {
  const network = await store.setUpNetwork(firstRun.setup, firstRun.coordinator);
  const coordinator = (await store.accounts.personByEmail(network.id, firstRun.coordinator.email))!.person;
  await store.audit.record(network.id, {
    actor: { kind: 'person', id: coordinator.id, name: coordinator.name },
    action: 'network-set-up',
    subject: network.name,
    details: { wards: firstRun.setup.wards.length, themes: firstRun.setup.themeNames.length, via }
  });
  return { network, coordinator };
}
