import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { createDocumentClient } from '../../lambda/store/dynamodb/document-client';
import { DynamoDbUserLimitStore } from '../../lambda/store/dynamodb/dynamodb-store';
import { dynamoDbUnstorableReason } from '../../lambda/store/dynamodb/item-limits';
import { fromLimitItem, LIMIT_SORT_KEY_PREFIX, SORT_KEY } from '../../lambda/store/dynamodb/table-design';
import type { StorageCandidate, UserLimitStore } from '../../lambda/store/user-limit-store';
import { type RunningDynalite, startDynalite } from '../../tools/local/dynalite-server';
import { createLocalTable } from '../../tools/local/seed-table';
import { sortUserLimits } from '../../tools/replay-inputs';

/** A store for the shared suite, with a way to read every limit back (sorted by user, then id). */
export interface TestStore extends UserLimitStore {
  readonly kind: 'memory' | 'dynamodb';
  allLimits(): Promise<UserLimit[]>;
}

/** Which adapter the shared suite runs on: `TEST_STORE=dynamodb` (set by the jest project) or memory. */
export const testStoreKind = (): TestStore['kind'] => (process.env.TEST_STORE === 'dynamodb' ? 'dynamodb' : 'memory');

let dynalite: Promise<RunningDynalite> | undefined;
let tables = 0;

/** The file's dynalite, started on first use. */
export const sharedDynalite = (): Promise<RunningDynalite> => (dynalite ??= startDynalite());

/** Stops the file's dynalite, if one was started. */
export const stopSharedDynalite = async (): Promise<void> => {
  const running = dynalite;
  dynalite = undefined;
  if (running) await (await running).stop();
};

/** A DynamoDB store on a fresh, empty table of the file's dynalite. */
export const newDynamoDbStore = async (): Promise<{
  store: DynamoDbUserLimitStore;
  allLimits: () => Promise<UserLimit[]>;
  tableName: string;
  endpoint: string;
}> => {
  const { endpoint } = await sharedDynalite();
  const tableName = `user-limits-${process.pid}-${++tables}`;
  await createLocalTable(endpoint, tableName);
  const client = createDocumentClient({ tableName, endpoint });
  const allLimits = async (): Promise<UserLimit[]> => {
    const items: Array<Record<string, unknown>> = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return sortUserLimits(items.filter((item) => String(item[SORT_KEY]).startsWith(LIMIT_SORT_KEY_PREFIX)).map(fromLimitItem));
  };
  return { store: new DynamoDbUserLimitStore({ client, tableName }), allLimits, tableName, endpoint };
};

/**
 * A fresh, empty store of the suite's kind. Synchronous, so tests build it
 * inline; a DynamoDB table is created in the background and every call
 * waits for it.
 */
export const newTestStore = (kind: TestStore['kind'] = testStoreKind()): TestStore => {
  if (kind === 'memory') {
    const memory = new InMemoryUserLimitStore();
    return {
      kind,
      load: (request) => memory.load(request),
      commit: (changes) => memory.commit(changes),
      unstorableReason: () => undefined,
      allLimits: async () => sortUserLimits(memory.snapshot()),
    };
  }
  const ready = newDynamoDbStore();
  ready.catch(() => undefined);
  return {
    kind,
    load: async (request) => (await ready).store.load(request),
    commit: async (changes) => (await ready).store.commit(changes),
    unstorableReason: (candidate: StorageCandidate) => dynamoDbUnstorableReason(candidate),
    allLimits: async () => (await ready).allLimits(),
  };
};
