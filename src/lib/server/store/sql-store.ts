import * as reads from './conversation-reads';
import { applyChanges } from './conversation-writes';
import * as networks from './network-queries';
import * as settings from './network-settings-queries';
import type { SqlDatabase } from './sql-database';
import type { Store } from './store';
import { wardMapFigures, wardMapVersion } from './ward-map-query';
import { wardThemeCounts } from './ward-summary-query';

export function createSqlStore(db: SqlDatabase): Store {
  return {
    kind: db.kind,
    getNetwork: () => networks.getNetwork(db),
    getReferenceData: () => networks.getReferenceData(db),
    wardBoundaries: (networkId) => networks.wardBoundaries(db, networkId),
    setUpNetwork: (setup) => networks.setUpNetwork(db, setup),
    setPrivacyNotice: (networkId, text) => settings.setPrivacyNotice(db, networkId, text),
    replacePrompts: (networkId, prompts) => settings.replacePrompts(db, networkId, prompts),
    addEvent: (networkId, event) => settings.addEvent(db, networkId, event),
    archiveEvent: (networkId, eventId) => settings.archiveEvent(db, networkId, eventId),
    applyChanges: (batch) => applyChanges(db, batch),
    conversationsByIds: (ids) => reads.conversationsByIds(db, ids),
    pull: (networkId, deviceId, cursor, limit) => reads.pullConversations(db, networkId, deviceId, cursor, limit),
    conversationHistory: (id) => reads.conversationHistory(db, id),
    countConversations: (networkId) => reads.countConversations(db, networkId),
    wardThemeCounts: (networkId) => wardThemeCounts(db, networkId),
    wardMap: (networkId, filters) => wardMapFigures(db, networkId, filters),
    wardMapVersion: (networkId) => wardMapVersion(db, networkId),
    close: () => db.close()
  };
}
