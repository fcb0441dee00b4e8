import * as conversations from './conversation-queries';
import * as networks from './network-queries';
import type { SqlDatabase } from './sql-database';
import type { Store } from './store';
import { wardThemeCounts } from './ward-summary-query';

export function createSqlStore(db: SqlDatabase): Store {
  return {
    kind: db.kind,
    getNetwork: () => networks.getNetwork(db),
    getReferenceData: () => networks.getReferenceData(db),
    setUpNetwork: (setup) => networks.setUpNetwork(db, setup),
    storeConversations: (batch) => conversations.storeConversations(db, batch),
    conversationsByIds: (ids) => conversations.conversationsByIds(db, ids),
    countConversations: (networkId) => conversations.countConversations(db, networkId),
    wardThemeCounts: (networkId) => wardThemeCounts(db, networkId),
    close: () => db.close()
  };
}
