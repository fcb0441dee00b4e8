/**
 * People, their sessions, invitation and reset links, sign-in failures and rate limits: one
 * namespace for the store's `accounts`, kept in a file per subject.
 */
export * from './person-queries';
export * from './session-queries';
export * from './account-link-queries';
export * from './rate-limit-queries';
