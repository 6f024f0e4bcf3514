import type { UserLimit } from '../../lambda/domain/user-limit';
import { DynamoDbUserLimitStore } from '../../lambda/store/dynamodb/dynamodb-store';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { createLocalClients } from '../local/dynamodb-clients';
import { ensureUserLimitsTable, LOCAL_TABLE_NAME, openEndpoint, readAllUserLimits } from '../local/local-table';

/** Which store the e2e run's handlers write to. */
export type E2eStoreKind = 'memory' | 'dynamodb';

/** A store for one run, its final state, and its teardown. */
export interface E2eStore {
  kind: E2eStoreKind;
  store: UserLimitStore;
  /** Every user limit in the store, in no particular order. */
  snapshot(): Promise<UserLimit[]>;
  close(): Promise<void>;
}

/**
 * The in-memory store, or the DynamoDB store on an embedded dynalite (a
 * fresh table, created for the run; the state is read back with a Scan).
 */
export const openE2eStore = async (kind: E2eStoreKind): Promise<E2eStore> => {
  if (kind === 'memory') {
    const store = new InMemoryUserLimitStore();
    return { kind, store, snapshot: async () => store.snapshot(), close: async () => undefined };
  }
  const local = await openEndpoint();
  const clients = createLocalClients({ endpoint: local.endpoint });
  try {
    await ensureUserLimitsTable(clients.client, LOCAL_TABLE_NAME);
  } catch (error) {
    clients.destroy();
    await local.stop();
    throw error;
  }
  return {
    kind,
    store: new DynamoDbUserLimitStore({ client: clients.documentClient, tableName: LOCAL_TABLE_NAME }),
    snapshot: () => readAllUserLimits(clients.documentClient, LOCAL_TABLE_NAME),
    close: async () => {
      clients.destroy();
      await local.stop();
    },
  };
};
