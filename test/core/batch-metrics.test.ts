import { readFileSync } from 'node:fs';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { captureMetrics, directiveOf, type EmfBlob, metricValuesOf } from '../support/emf';
import { FaultyStore } from '../support/faulty-store';
import { newTestStore, testStoreKind } from '../support/test-stores';
import { created, progressChanged } from './helpers/events';
import { captureLogger, type LogLine, recordOf } from './helpers/harness';

/** The metric names the alarms and the dashboard are built on, with the summary field each carries. */
const COUNTS = {
  Records: 'records',
  Applied: 'applied',
  Duplicates: 'duplicates',
  Ignored: 'ignored',
  Orphaned: 'orphaned',
  Rejected: 'rejected',
  Failed: 'failed',
  ProgressGaps: 'progressGaps',
} as const;

/** The suite's store is durable (DynamoDB): StoreMs is expected. */
const durable = testStoreKind() === 'dynamodb';
const lambdaEvent = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as KinesisStreamEvent;
const oldestArrivalMs = (records: readonly KinesisStreamRecord[]) =>
  Math.min(...records.map((record) => record.kinesis.approximateArrivalTimestamp * 1000));

/** One invocation with captured logs and metrics; a thrown error is returned, not thrown. */
const invoke = async (event: unknown, store: UserLimitStore = newTestStore(), timeStore = durable) => {
  const { logger, lines } = captureLogger();
  const { metrics, blobs } = captureMetrics(logger);
  const handler = createHandler({ store, logger, metrics, timeStore });
  const before = Date.now();
  const response = await handler(event as KinesisStreamEvent).catch((error: unknown) => error);
  return { response, lines, blobs, before, after: Date.now() };
};

/**
 * The one blob and the one 'Batch processed' line of an invocation, checked
 * against each other: namespace, the `service` dimension alone, every name
 * with its unit, every value equal to the line's.
 */
const blobMatchingSummary = ({ lines, blobs }: { lines: LogLine[]; blobs: EmfBlob[] }, age: 'with age' | 'without age') => {
  const summaries = lines.filter((line) => line.message === 'Batch processed');
  expect(summaries).toHaveLength(1);
  expect(blobs).toHaveLength(1);
  const summary = summaries[0]!;
  const blob = blobs[0]!;
  expect(directiveOf(blob)).toEqual({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'UserLimits',
    dimensions: [['service']],
    units: {
      ...Object.fromEntries(Object.keys(COUNTS).map((name) => [name, 'Count'])),
      ...(age === 'with age' && { BatchAgeMs: 'Milliseconds' }),
      ...(durable && { StoreMs: 'Milliseconds' }),
    },
  });
  expect(blob.service).toBe('user-limits-processor');
  const values = metricValuesOf(blob);
  expect(values).toEqual({
    ...Object.fromEntries(Object.entries(COUNTS).map(([name, field]) => [name, summary[field]])),
    ...(age === 'with age' && { BatchAgeMs: summary.batchAgeMs }),
    ...(durable && { StoreMs: summary.storeMs }),
  });
  return { values, summary };
};

describe('one EMF blob per invocation, equal to the "Batch processed" line', () => {
  it('the recorded stream: counts, the age of its oldest record, StoreMs with a durable store', async () => {
    const event = lambdaEvent('events/recorded-stream.json');
    const run = await invoke(event);
    const { values } = blobMatchingSummary(run, 'with age');
    expect(values).toMatchObject({
      Records: 17,
      Applied: 9,
      Duplicates: 0,
      Ignored: 6,
      Orphaned: 2,
      Rejected: 0,
      Failed: 0,
      ProgressGaps: 0,
    });
    const oldest = oldestArrivalMs(event.Records);
    expect(values.BatchAgeMs).toBeGreaterThanOrEqual(run.before - oldest - 1);
    expect(values.BatchAgeMs).toBeLessThanOrEqual(run.after - oldest + 1);
    if (durable) expect(values.StoreMs).toBeGreaterThan(0);
  });

  it('a poison batch: the rejected records are counted, the rest applied', async () => {
    const { values } = blobMatchingSummary(await invoke(lambdaEvent('events/poison-pills.json')), 'with age');
    expect(values).toMatchObject({ Records: 10, Applied: 4, Rejected: 6, Failed: 0 });
  });

  it('an empty batch: a blob of zeros, no BatchAgeMs, and no "no metrics" warning', async () => {
    const run = await invoke({ Records: [] });
    const { values } = blobMatchingSummary(run, 'without age');
    expect(values).toMatchObject(Object.fromEntries(Object.keys(COUNTS).map((name) => [name, 0])));
    expect(run.lines.filter((line) => line.level !== 'INFO')).toEqual([]);
  });

  it('a malformed event (no Records list): the ERROR line, and a blob of zeros', async () => {
    const run = await invoke({});
    const { values } = blobMatchingSummary(run, 'without age');
    expect(values.Records).toBe(0);
    expect(run.lines.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ message: 'Malformed event: Records is not an array' }),
    ]);
  });

  it('a progress gap counts once, as its WARN line does', async () => {
    const run = await invoke({ Records: [recordOf(created(1)), recordOf(progressChanged(2, '5', '1'))] });
    const { values } = blobMatchingSummary(run, 'with age');
    expect(values).toMatchObject({ Records: 2, Applied: 2, ProgressGaps: 1 });
    expect(run.lines.filter((line) => line.level === 'WARN' && String(line.message).startsWith('Progress gap'))).toHaveLength(1);
  });

  it.each([
    ['its load', (request: string) => request === 'load'],
    ['its writes', (request: string) => request !== 'load'],
  ])('a store that fails %s: every record failed, one reported, and still one blob', async (_case, fails) => {
    const records = [recordOf(created(1)), recordOf(progressChanged(2, '0', '1'))];
    const run = await invoke({ Records: records }, new FaultyStore(newTestStore(), (call) => fails(call.request)));
    expect(run.response).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    const { values, summary } = blobMatchingSummary(run, 'with age');
    expect(values).toMatchObject({ Records: 2, Applied: 0, Failed: 2 });
    expect(summary.batchItemFailures).toBe(1);
  });

  it('a batch that throws (a store failure where no record has a sequence number): every record failed in the blob', async () => {
    const records = [recordOf(created(1)), recordOf(created(2))].map((record) => {
      const copy = structuredClone(record);
      delete (copy.kinesis as Partial<typeof copy.kinesis>).sequenceNumber;
      return copy;
    });
    const run = await invoke({ Records: records }, new FaultyStore(newTestStore(), () => true));
    expect(run.response).toBeInstanceOf(Error);
    const { values } = blobMatchingSummary(run, 'with age');
    expect(values).toMatchObject({ Records: 2, Applied: 0, Failed: 2 });
  });
});

describe('StoreMs', () => {
  /** The in-memory store, answering load and commit after `delayMs`. */
  const slowStore = (delayMs: number): UserLimitStore => {
    const inner = new InMemoryUserLimitStore();
    const later = <T>(value: Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(value), delayMs));
    return {
      load: (request) => later(inner.load(request)),
      commit: (changes) => later(inner.commit(changes)),
      unstorableReason: () => inner.unstorableReason(),
    };
  };

  it('is the time spent waiting for the store: at least its delay on load plus commit', async () => {
    const { logger } = captureLogger();
    const { metrics, blobs } = captureMetrics(logger);
    await createHandler({ store: slowStore(25), logger, metrics, timeStore: true })({ Records: [recordOf(created(1))] });
    expect(blobs[0]!.StoreMs as number).toBeGreaterThanOrEqual(49);
  });

  it('is absent with a store that does no I/O (the in-memory store)', async () => {
    const { logger } = captureLogger();
    const { metrics, blobs } = captureMetrics(logger);
    await createHandler({ store: new InMemoryUserLimitStore(), logger, metrics })({ Records: [recordOf(created(1))] });
    expect(Object.keys(metricValuesOf(blobs[0]!))).not.toContain('StoreMs');
  });
});
