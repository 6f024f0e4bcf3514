import fc from 'fast-check';
import type { KinesisStreamRecord } from 'aws-lambda';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { sortUserLimits } from '../../tools/replay-inputs';
import { failAtRequests, type Fault, FaultyStore, type StoreCall } from '../support/faulty-store';
import { deliverCleanly, domainStreamArbitrary, PROPERTY_RUNS, redeliveryInvariant, toRecords } from '../support/limit-streams';
import { captureLogs } from '../support/log-capture';

const decode = (record: KinesisStreamRecord): { type: string; aggregateId: string } =>
  JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as { type: string; aggregateId: string };

/** Only our own event types reach the store; in these generated streams all of them are valid. */
const reachesStore = (record: KinesisStreamRecord): boolean => decode(record).type.startsWith('USER_LIMIT_');

const deliverThrough = async (
  records: readonly KinesisStreamRecord[],
  shouldFail: (call: StoreCall) => Fault,
  options: { batchSize: number; maxRetries: number },
) => {
  const inner = new InMemoryUserLimitStore();
  const store = new FaultyStore(inner, shouldFail);
  const emulator = new EventSourceEmulator({ store, logger: captureLogs('ERROR').logger, ...options });
  await emulator.deliver(records);
  return {
    limits: sortUserLimits(inner.snapshot()),
    watermarks: inner.dump().watermarks,
    summary: emulator.summary(),
    faults: store.faults,
  };
};

/**
 * What the event source mapping must give up on when a batch's load fails
 * while the user of its first event has `budget` faults left: each such
 * invocation fails from that first event, the batch is retried from there,
 * and after `maxRetries` retries the rest of the batch is abandoned.
 */
const expectedGiveUps = (
  records: readonly KinesisStreamRecord[],
  budgets: Map<string, number>,
  batchSize: number,
  maxRetries: number,
): Set<KinesisStreamRecord> => {
  const left = new Map(budgets);
  const givenUp = new Set<KinesisStreamRecord>();
  for (let start = 0; start < records.length; start += batchSize) {
    let pending = records.slice(start, start + batchSize);
    for (let attempt = 0; ; attempt += 1) {
      const failing = pending.findIndex(reachesStore);
      if (failing < 0 || (left.get(decode(pending[failing]!).aggregateId) ?? 0) === 0) break;
      const aggregateId = decode(pending[failing]!).aggregateId;
      left.set(aggregateId, left.get(aggregateId)! - 1);
      pending = pending.slice(failing);
      if (attempt === maxRetries) {
        for (const record of pending) givenUp.add(record);
        break;
      }
    }
  }
  return givenUp;
};

describe('store faults under the event source mapping (property)', () => {
  it('faults at chosen requests, retried: the final state and counters equal the fault-free delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        domainStreamArbitrary(),
        fc.uniqueArray(fc.nat(60), { maxLength: 15 }),
        fc.integer({ min: 1, max: 10 }),
        async (events, faultyCalls, batchSize) => {
          const records = toRecords(events);
          const clean = await deliverCleanly(records);
          const faulty = await deliverThrough(records, failAtRequests(faultyCalls), { batchSize, maxRetries: faultyCalls.length });

          expect(faulty.limits).toEqual(clean.limits);
          expect(faulty.watermarks).toEqual(clean.watermarks);
          expect(redeliveryInvariant(faulty.summary)).toEqual(redeliveryInvariant(clean.summary));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('faults at random requests (load, limit or watermark writes, lost responses too), retried: same state as fault-free', async () => {
    await fc.assert(
      fc.asyncProperty(
        domainStreamArbitrary(),
        fc.infiniteStream(fc.boolean()),
        fc.integer({ min: 1, max: 4 }),
        async (events, coins, oneIn) => {
          const records = toRecords(events);
          const flips = coins[Symbol.iterator]();
          // A fault when `oneIn` coins in a row come up true: rates from 1/2 down to 1/16; one more coin makes it a lost response.
          const random = (): Fault => {
            if (!Array.from({ length: oneIn }, () => flips.next().value as boolean).every(Boolean)) return false;
            return flips.next().value ? 'lost' : true;
          };
          const clean = await deliverCleanly(records);
          const faulty = await deliverThrough(records, random, { batchSize: 5, maxRetries: 500 });

          expect(faulty.limits).toEqual(clean.limits);
          expect(faulty.watermarks).toEqual(clean.watermarks);
          expect(redeliveryInvariant(faulty.summary)).toEqual(redeliveryInvariant(clean.summary));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('faults that outlast the retries: `failed` counts exactly the abandoned records, the rest is as if they never came', async () => {
    const budget = fc.oneof(fc.nat(5), fc.constant(Number.POSITIVE_INFINITY));
    await fc.assert(
      fc.asyncProperty(
        domainStreamArbitrary(),
        fc.dictionary(fc.constantFrom('user-0', 'user-1', 'user-2'), budget),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        async (events, budgets, batchSize, maxRetries) => {
          const records = toRecords(events);
          const givenUp = expectedGiveUps(records, new Map(Object.entries(budgets)), batchSize, maxRetries);
          const left = new Map(Object.entries(budgets));
          const failFirstLoads = (call: StoreCall) => {
            const remaining = left.get(call.userId) ?? 0;
            if (call.request !== 'load' || remaining === 0) return false;
            left.set(call.userId, remaining - 1);
            return true;
          };
          const faulty = await deliverThrough(records, failFirstLoads, { batchSize, maxRetries });
          const survivors = await deliverCleanly(records.filter((record) => !givenUp.has(record)));

          expect(faulty.summary.failed).toBe(givenUp.size);
          expect(faulty.summary).toEqual({ ...survivors.summary, records: records.length, failed: givenUp.size });
          expect(faulty.limits).toEqual(survivors.limits);
        },
      ),
      PROPERTY_RUNS,
    );
  });
});
