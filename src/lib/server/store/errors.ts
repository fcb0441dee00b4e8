/** Set-up was asked for when a network already exists; nothing was changed. */
export class NetworkAlreadySetUpError extends Error {
  constructor(name: string) {
    super(`The network "${name}" is already set up. Nothing was changed.`);
    this.name = 'NetworkAlreadySetUpError';
  }
}

/** A pushed batch names wards or themes the network does not have; nothing of it was stored. */
export class UnknownReferenceError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'UnknownReferenceError';
  }
}
