/**
 * What the audit log records: who did what and when, never what residents said (issue 10).
 * `subject` names what was acted on (a person's email, a tablet's name, a ward file), `details`
 * holds counts and ids.
 */
export const AUDIT_ACTIONS = {
  'network-set-up': 'Network set up',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'account-locked': 'Account locked after failed sign-ins',
  'sign-out': 'Signed out',
  'sign-out-everywhere': 'Signed out everywhere',
  'password-changed': 'Password changed',
  'invitation-created': 'Invitation created',
  'invitation-accepted': 'Invitation accepted',
  'invitation-revoked': 'Invitation withdrawn',
  'password-reset-created': 'Password reset link created',
  'password-reset': 'Password reset',
  'role-changed': 'Role changed',
  'person-deactivated': 'Person deactivated',
  'person-reactivated': 'Person reactivated',
  'person-unlocked': 'Account unlocked',
  'enrolment-created': 'Enrolment code created',
  'device-enrolled': 'Tablet enrolled',
  'device-retired': 'Tablet retired',
  'device-lost': 'Tablet reported lost',
  'worker-added': 'Worker added',
  'worker-removed': 'Worker removed',
  'worker-pin-set': 'Worker PIN set',
  'settings-changed': 'Settings changed',
  'boundaries-imported': 'Ward boundaries imported',
  'indicator-uploaded': 'Ward indicator uploaded',
  'indicator-removed': 'Ward indicator removed',
  'conversation-erased': 'Conversation erased',
  'equality-withdrawn': 'Equality answers withdrawn at the resident’s request',
  'conversation-corrected': 'Conversation corrected at the resident’s request',
  'resident-copy-given': 'Copy of a conversation given to the resident',
  'follow-up-done': 'Follow-up marked done (contact details deleted)',
  'contact-details-expired': 'Follow-up contact details deleted after the time the network keeps them',
  'conversation-date-corrected': 'Conversation date corrected (the tablet’s clock was wrong)',
  'response-created': 'Response to residents made (You said, we did)',
  'response-changed': 'Response to residents changed',
  'response-updated': 'Response to residents updated with a note',
  'progression-stages-changed': 'Progression stages changed',
  'progression-descriptions-changed': 'What progression stages mean for a theme changed',
  'progression-assessed': 'Progression self-assessment made',
  export: 'Export made'
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditActor {
  kind: 'person' | 'device' | 'anonymous' | 'system';
  id: string | null;
  name: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  subject?: string;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: string;
  at: string;
}

export interface AuditFilters {
  action?: AuditAction;
  /** Part of the actor's name or the subject. */
  who?: string;
  from?: string;
  to?: string;
}
