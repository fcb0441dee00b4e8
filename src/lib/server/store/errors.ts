/** Set-up was asked for when a network already exists; nothing was changed. */
export class NetworkAlreadySetUpError extends Error {
  constructor(name: string) {
    super(`The network "${name}" is already set up. Nothing was changed.`);
    this.name = 'NetworkAlreadySetUpError';
  }
}

/**
 * A pushed batch names wards, themes, prompts, events or conversations the network does not
 * have; nothing of it was stored. `rejected` says which changes, and why.
 */
export class UnknownReferenceError extends Error {
  constructor(readonly rejected: { changeId: string; message: string }[]) {
    super(rejected.map((r) => r.message).join(' '));
    this.name = 'UnknownReferenceError';
  }
}

/** Indicator values name wards that are not the network's; nothing of the upload was stored. */
export class UnknownWardsError extends Error {
  constructor(readonly codes: string[]) {
    super(`These wards are not this network’s: ${codes.join(', ')}. Nothing was stored.`);
    this.name = 'UnknownWardsError';
  }
}

/** The network already has an organisation (not archived) of that name, in any case; nothing was added. */
export class OrganisationNameTakenError extends Error {
  constructor(readonly organisationName: string) {
    super(`There is already an organisation called “${organisationName}”.`);
    this.name = 'OrganisationNameTakenError';
  }
}

/** Someone in the network already signs in with this email, in any case; nothing was added. */
export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`Someone in this network already signs in with ${email}.`);
    this.name = 'EmailTakenError';
  }
}

/** The organisation already has a worker of this name, in any case; nothing was added. */
export class WorkerNameTakenError extends Error {
  constructor(readonly workerName: string) {
    super(`This organisation already has a worker called “${workerName}”.`);
    this.name = 'WorkerNameTakenError';
  }
}
