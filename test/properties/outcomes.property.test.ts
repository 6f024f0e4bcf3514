import fc from 'fast-check';
import type { KinesisStreamRecord } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import { OUTCOMES, type Outcome } from '../../lambda/processor/pipeline/outcome';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { FaultyStore, type StoreCall } from '../support/faulty-store';
import { domainStreamArbitrary, PROPERTY_RUNS } from '../support/limit-streams';
import { captureLogs } from '../support/log-capture';

const utf8 = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

/** A valid event with one field replaced by anything JSON can hold: reaches deep into validation. */
const mutatedEvent = fc
  .tuple(
    domainStreamArbitrary({ maxEvents: 3 }),
    fc.constantFrom(
      'eventId',
      'type',
      'aggregateId',
      'sequenceNumber',
      'createdAt',
      'payload',
      'amount',
      'previousProgress',
      'value',
      'userLimitId',
      'status',
    ),
    fc.jsonValue(),
  )
  .map(([events, field, value]) => {
    const event = structuredClone(events[0]) as Record<string, unknown>;
    const target = field in event ? event : (event.payload as Record<string, unknown>);
    target[field] = value;
    return utf8(event);
  });

/** Any bytes at all, from noise to near-valid events. */
const recordData = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue().map(utf8),
  fc.dictionary(fc.string(), fc.jsonValue()).map(utf8),
  mutatedEvent,
  domainStreamArbitrary({ maxEvents: 3 }).map((events) => utf8(events[0])),
);

const asRecords = (datas: readonly Uint8Array[]): KinesisStreamRecord[] =>
  datas.map((data, index) =>
    toKinesisRecord(Buffer.from(data), {
      partitionKey: `key-${index % 3}`,
      sequenceNumber: syntheticSequenceNumber(index),
      approximateArrivalTimestamp: 1_700_000_000,
    }),
  );

/** Runs one batch through a fresh handler and returns everything observable about it. */
const runBatch = async (records: KinesisStreamRecord[], shouldFail: (call: StoreCall) => boolean = () => false) => {
  const logs = captureLogs('INFO');
  const store = new FaultyStore(new InMemoryUserLimitStore(), shouldFail);
  const seen: Array<readonly Outcome[]> = [];
  const handler = createHandler({ store, logger: logs.logger, onOutcomes: (outcomes) => seen.push(outcomes) });
  const response = await handler({ Records: records });
  const counters = logs.entries().filter((entry) => entry.message === 'Batch processed');
  return { response, seen, counters, store };
};

describe('any record data (property)', () => {
  it('never throws; one outcome per record; counters add up; nothing reported when the store works', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordData, { maxLength: 25 }), async (datas) => {
        const records = asRecords(datas);
        const { response, seen, counters } = await runBatch(records);

        expect(seen).toHaveLength(1);
        expect(seen[0]).toHaveLength(records.length);
        expect(counters).toHaveLength(1);
        const counted = counters[0]!;
        expect(counted.records).toBe(records.length);
        expect(OUTCOMES.reduce((sum, outcome) => sum + (counted[outcome] as number), 0)).toBe(records.length);
        for (const outcome of OUTCOMES) expect(counted[outcome]).toBe(seen[0]!.filter((o) => o === outcome).length);
        expect(counted.failed).toBe(0);
        expect(response.batchItemFailures).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });

  it('with a failing store: at most one reported record, the first failed one, and only if the store threw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordData, { maxLength: 25 }), fc.nat(30), async (datas, failAt) => {
        const records = asRecords(datas);
        const { response, seen, store } = await runBatch(records, (call) => call.index >= failAt);
        const outcomes = seen[0]!;
        const firstFailed = outcomes.indexOf('failed');

        expect(outcomes).toHaveLength(records.length);
        if (store.faults === 0) {
          expect(firstFailed).toBe(-1);
          expect(response.batchItemFailures).toEqual([]);
        } else {
          expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[firstFailed]!.kinesis.sequenceNumber }]);
          expect(outcomes.slice(firstFailed).every((outcome) => outcome === 'failed')).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('through the event source emulator: every distinct record counted once, nothing failed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordData, { maxLength: 25 }), fc.integer({ min: 1, max: 10 }), async (datas, batchSize) => {
        const records = asRecords(datas);
        const emulator = new EventSourceEmulator({ store: new InMemoryUserLimitStore(), logger: captureLogs('ERROR').logger, batchSize });
        await emulator.deliver(records);
        const summary = emulator.summary();
        expect(summary.records).toBe(records.length);
        expect(summary.failed).toBe(0);
        expect(emulator.invocations).toBe(Math.ceil(records.length / batchSize));
      }),
      PROPERTY_RUNS,
    );
  });

  it('records without usable data are rejected, not thrown on', async () => {
    const odd = [{}, { kinesis: {} }, { kinesis: { data: 42, sequenceNumber: '1' } }, { kinesis: { data: null, sequenceNumber: '2' } }];
    const { response, seen } = await runBatch(odd as unknown as KinesisStreamRecord[]);
    expect(seen[0]).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(response.batchItemFailures).toEqual([]);
  });
});
