import type { Conversation } from '$lib/domain/conversation';
import type { Network, ReferenceData } from '$lib/domain/network';
import type { NetworkSetup } from '$lib/domain/network-setup';
import type { WardThemeCounts } from '$lib/domain/ward-summary';

export interface ConversationBatch {
  networkId: string;
  deviceId: string;
  userId: string | null;
  conversations: Conversation[];
}

/** The server's shared store. One contract test suite holds every implementation to it. */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** The network this server serves, or null before first-run set-up. */
  getNetwork(): Promise<Network | null>;
  getReferenceData(): Promise<ReferenceData | null>;
  /** Creates the network with its themes and wards, all or nothing. */
  setUpNetwork(setup: NetworkSetup): Promise<Network>;
  /**
   * Stores a batch in one transaction, idempotently by conversation id: a conversation already
   * stored is left as it is. Throws UnknownReferenceError, storing nothing, when a ward or theme
   * is not the network's.
   */
  storeConversations(batch: ConversationBatch): Promise<void>;
  conversationsByIds(ids: string[]): Promise<Conversation[]>;
  countConversations(networkId: string): Promise<number>;
  /** Every ward of the network with its conversation count in all and per theme. */
  wardThemeCounts(networkId: string): Promise<WardThemeCounts[]>;
  close(): Promise<void>;
}
