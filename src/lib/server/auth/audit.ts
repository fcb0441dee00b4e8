import type { AuditAction, AuditActor, AuditEntry } from '$lib/domain/audit';
import type { Store } from '../store';
import type { Caller } from './guard';

/** Who did it, as the log names them: a person by name, a tablet by its name. */
export function actorOf(caller: Caller | null): AuditActor {
  if (!caller) return { kind: 'anonymous', id: null, name: 'Someone not signed in' };
  if (caller.kind === 'person') return { kind: 'person', id: caller.person.id, name: caller.person.name };
  return { kind: 'device', id: caller.device.id, name: caller.device.label };
}

/** Records an action in the network's audit log. */
export function audit(
  store: Store,
  caller: Caller,
  action: AuditAction,
  subject = '',
  details: AuditEntry['details'] = {}
): Promise<void> {
  return store.audit.record(caller.network.id, { actor: actorOf(caller), action, subject, details });
}
