import { NetworkSetup } from '$lib/domain/network-setup';
import { BoundaryFileError, parseWardBoundaryFile } from '$lib/map/ward-boundaries';

/** Set-up input was wrong; the message says what to fix, and nothing was stored. */
export class SetupInputError extends Error {
  constructor(
    message: string,
    readonly field: 'name' | 'themes' | 'wards'
  ) {
    super(message);
    this.name = 'SetupInputError';
  }
}

/** One theme per line; blank lines are ignored. */
export function themeNamesFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Checks what a coordinator gives for first-run set-up (a name, theme names and the text of an ONS
 * ward boundary file) and returns the network to store, or throws a SetupInputError saying what
 * to fix. Nothing is stored here, so a bad input can change nothing.
 */
export function prepareNetworkSetup(input: {
  name: string;
  themeNames: string[];
  boundaryFileText: string;
}): NetworkSetup {
  let wards;
  try {
    wards = parseWardBoundaryFile(input.boundaryFileText);
  } catch (error) {
    if (error instanceof BoundaryFileError) throw new SetupInputError(error.message, 'wards');
    throw error;
  }
  const setup = NetworkSetup.safeParse({ name: input.name, themeNames: input.themeNames, wards });
  if (!setup.success) {
    const issue = setup.error.issues[0];
    const field = issue.path[0] === 'themeNames' ? 'themes' : issue.path[0] === 'wards' ? 'wards' : 'name';
    throw new SetupInputError(issue.message, field);
  }
  return setup.data;
}
