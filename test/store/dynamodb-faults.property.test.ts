import fc from 'fast-check';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamRecord } from 'aws-lambda';
import { DynamoDbUserLimitStore } from '../../lambda/store/dynamodb/dynamodb-store';
import { fromLimitItem, LIMIT_SORT_KEY_PREFIX, SORT_KEY, WATERMARK_SORT_KEY } from '../../lambda/store/dynamodb/table-design';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { sortUserLimits } from '../../tools/replay-inputs';
import { ChaosHttpHandler } from '../../tools/local/chaos/chaos-handler';
import { createLocalTable } from '../../tools/local/seed-table';
import { FAULT_KINDS, type FaultDecision, type FaultKind } from '../../tools/local/chaos/fault-plan';
import { domainStreamArbitrary, toRecords } from '../support/limit-streams';
import { captureLogs } from '../support/log-capture';
import { sharedDynalite, stopSharedDynalite } from '../support/test-stores';

afterAll(stopSharedDynalite);

let tables = 0;

/** A DynamoDB store on a fresh table whose `faultAt`-th HTTP request (0-based, SDK retries off) gets `kind`. */
const storeWithFaultAt = async (faultAt: number, kind: FaultKind) => {
  const { endpoint } = await sharedDynalite();
  const tableName = `faults-${++tables}`;
  await createLocalTable(endpoint, tableName);
  let requests = 0;
  const decide = (): FaultDecision => {
    const index = requests++;
    if (index !== faultAt) return { kind: 'none' };
    return kind === 'throttling' ? { kind, code: 'ThrottlingException' } : { kind };
  };
  const chaos = new ChaosHttpHandler(new NodeHttpHandler({ requestTimeout: 2_000 }), { decide, timeoutMs: 20 });
  // One attempt per request: every fault reaches the store and the handler, as when the SDK's retries are spent.
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
      requestHandler: chaos,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const readBack = async () => {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
    const limits = sortUserLimits(Items.filter((item) => String(item[SORT_KEY]).startsWith(LIMIT_SORT_KEY_PREFIX)).map(fromLimitItem));
    const watermarks = new Map(
      Items.filter((item) => item[SORT_KEY] === WATERMARK_SORT_KEY).map((item) => [item.userId as string, item.sequenceNumber as number]),
    );
    return { limits, watermarks };
  };
  return {
    store: new DynamoDbUserLimitStore({ client, tableName }),
    readBack,
    requests: () => requests,
    faults: () => chaos.counters().faults,
  };
};

/** Records with redeliveries: a suffix of the stream delivered again, as after a lost acknowledgement. */
const withRedelivery = (records: KinesisStreamRecord[], from: number): KinesisStreamRecord[] => [
  ...records,
  ...records.slice(from % records.length),
];

const cleanState = async (records: readonly KinesisStreamRecord[]) => {
  const store = new InMemoryUserLimitStore();
  await new EventSourceEmulator({ store, logger: captureLogs('ERROR').logger, batchSize: 4 }).deliver(records);
  const { limits, watermarks } = store.dump();
  return { limits: sortUserLimits(limits.map((stored) => stored.limit)), watermarks };
};

describe('DynamoDB store: a fault at every request position (property, DOMAIN.md rule 8)', () => {
  it('ends, after the event source mapping retries, in exactly the state of one clean delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        domainStreamArbitrary({ maxEvents: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        async (events, redeliverFrom, batchSize) => {
          const records = withRedelivery(toRecords(events), redeliverFrom);
          const clean = await cleanState(records);

          const faultFree = await storeWithFaultAt(-1, 'server-error');
          await new EventSourceEmulator({ store: faultFree.store, logger: captureLogs('ERROR').logger, batchSize }).deliver(records);
          const positions = faultFree.requests();
          expect(await faultFree.readBack()).toEqual(clean);

          // Every position of the fault-free run, each with one fault kind in turn (lost responses included).
          for (let position = 0; position < positions; position += 1) {
            const kind = FAULT_KINDS[position % FAULT_KINDS.length]!;
            const faulty = await storeWithFaultAt(position, kind);
            const emulator = new EventSourceEmulator({
              store: faulty.store,
              logger: captureLogs('ERROR').logger,
              batchSize,
              maxRetries: 5,
            });
            await emulator.deliver(records);
            expect(faulty.faults()[kind]).toBe(1);
            expect(emulator.summary().failed).toBe(0);
            expect(await faulty.readBack()).toEqual(clean);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
