import fc from 'fast-check';
import type { KinesisStreamRecord } from 'aws-lambda';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { sortUserLimits } from '../../tools/replay-inputs';
import { captureLogs } from '../support/log-capture';
import { deliverCleanly, domainStreamArbitrary, PROPERTY_RUNS, toRecords } from '../support/limit-streams';

/** A copy of record `source` delivered again right after record `after` (at or after the source). */
interface Redelivery {
  source: number;
  after: number;
  /** true: the producer wrote the event again (new Kinesis record); false: Kinesis re-sent the same record. */
  rewritten: boolean;
}

/** One invocation: `size` records from the current position, then move on by `advance` of them (0 = whole batch again). */
interface BatchStep {
  size: number;
  advance: number;
}

const scenario = fc.record({
  events: domainStreamArbitrary(),
  redeliveries: fc.array(fc.record({ source: fc.nat(), after: fc.nat(), rewritten: fc.boolean() }), { maxLength: 12 }),
  batches: fc.array(fc.record({ size: fc.integer({ min: 1, max: 12 }), advance: fc.nat() }), { maxLength: 20 }),
});

/** The same bytes written again by the producer: a new Kinesis record. */
const rewritten = (original: KinesisStreamRecord, n: number): KinesisStreamRecord =>
  toKinesisRecord(Buffer.from(original.kinesis.data, 'base64'), {
    partitionKey: original.kinesis.partitionKey,
    sequenceNumber: syntheticSequenceNumber(1_000_000 + n),
    approximateArrivalTimestamp: original.kinesis.approximateArrivalTimestamp,
  });

/** The stream as a shard would hold it, with each redelivered copy inserted at its place. */
const withRedeliveries = (records: readonly KinesisStreamRecord[], redeliveries: readonly Redelivery[]) => {
  const copiesAfter = new Map<number, KinesisStreamRecord[]>();
  redeliveries.forEach((redelivery, n) => {
    const source = redelivery.source % records.length;
    const after = source + (redelivery.after % (records.length - source));
    const original = records[source]!;
    const copy = redelivery.rewritten ? rewritten(original, n) : original;
    copiesAfter.set(after, [...(copiesAfter.get(after) ?? []), copy]);
  });
  return records.flatMap((record, index) => [record, ...(copiesAfter.get(index) ?? [])]);
};

/** Delivers batch by batch; a batch may be delivered again from any of its records (a lost response, a retry). */
const deliverWithRetries = async (emulator: EventSourceEmulator, records: readonly KinesisStreamRecord[], steps: readonly BatchStep[]) => {
  let position = 0;
  for (const step of steps) {
    if (position >= records.length) return;
    const batch = records.slice(position, position + step.size);
    await emulator.deliverBatch(batch);
    position += step.advance % (batch.length + 1);
  }
  await emulator.deliver(records.slice(position));
};

describe('redelivery (property)', () => {
  it('any interleaving of redeliveries and batch retries gives the state of one clean delivery', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, redeliveries, batches }) => {
        const records = toRecords(events);
        const clean = await deliverCleanly(records);

        const store = new InMemoryUserLimitStore();
        const emulator = new EventSourceEmulator({ store, logger: captureLogs('ERROR').logger });
        await deliverWithRetries(emulator, withRedeliveries(records, redeliveries), batches);

        expect(sortUserLimits(store.snapshot())).toEqual(clean.limits);
        expect(emulator.summary().failed).toBe(0);
      }),
      PROPERTY_RUNS,
    );
  });

  it('a redelivered record is always a duplicate, never applied twice', async () => {
    await fc.assert(
      fc.asyncProperty(domainStreamArbitrary(), fc.nat(), async (events, pick) => {
        const records = toRecords(events);
        const store = new InMemoryUserLimitStore();
        const emulator = new EventSourceEmulator({ store, logger: captureLogs('ERROR').logger });
        await emulator.deliver(records);
        const before = emulator.summary();
        const again = rewritten(records[pick % records.length]!, 0);
        await emulator.deliver([again]);
        const after = emulator.summary();

        const decodedType = (JSON.parse(Buffer.from(again.kinesis.data, 'base64').toString('utf8')) as { type: string }).type;
        const expectedOutcome = decodedType.startsWith('USER_LIMIT_') ? 'duplicates' : 'ignored';
        expect(after[expectedOutcome]).toBe(before[expectedOutcome] + 1);
        expect(after.records).toBe(before.records + 1);
      }),
      PROPERTY_RUNS,
    );
  });
});
