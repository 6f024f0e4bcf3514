import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { type Fault, FaultyStore } from '../support/faulty-store';
import { getLimit, getWatermark } from '../support/store-reads';
import { created, progressChanged } from './helpers/events';
import { captureLogger, harness } from './helpers/harness';

/** A store whose writes of limit-2 fail `times` times (a transient outage), then succeed. */
const flakyStore = (times: number, fault: Fault = true) => {
  const inner = new InMemoryUserLimitStore();
  let failed = 0;
  const store = new FaultyStore(inner, ({ request, userLimitId }) =>
    request === 'writeLimit' && userLimitId === 'limit-2' && failed++ < times ? fault : false,
  );
  return { store, inner };
};

const events = [
  created(1),
  created(2, { userLimitId: 'limit-2' }),
  progressChanged(3, '0', '10'),
  progressChanged(4, '0', '20', { userLimitId: 'limit-2' }),
  progressChanged(5, '10', '5'),
];

describe('a transient store failure', () => {
  it('reports the earliest record whose write failed; it and everything after count as failed; the watermark stays behind', async () => {
    const { store, inner } = flakyStore(1);
    const { handler, lastOutcomes, lines } = harness(store);
    const records = wrapDomainEvents(events);
    const response = await handler({ Records: records });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]!.kinesis.sequenceNumber }] });
    expect(lastOutcomes()).toEqual(['applied', 'failed', 'failed', 'failed', 'failed']);
    expect(await getLimit(inner, 'limit-2')).toBeUndefined();
    // limit-1's write went through: its final state is durable, the redelivery will find it by its sequence number.
    expect(await getLimit(inner, 'limit-1')).toMatchObject({ progress: '15' });
    expect(await getWatermark(inner, 'user-1')).toBeUndefined();
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ kinesisSequenceNumber: records[1]!.kinesis.sequenceNumber, notProcessedAfterIt: 3 }),
    ]);
    expect(lines.find((line) => line.level === 'INFO')).toMatchObject({ applied: 1, failed: 4, batchItemFailures: 1 });
  });

  it.each<[string, Fault]>([
    ['failed writes', true],
    ['writes applied but answered with an error', 'lost'],
  ])('converges under the emulator retry to the fault-free state (%s)', async (_, fault) => {
    const clean = new InMemoryUserLimitStore();
    await new EventSourceEmulator({ store: clean, logger: captureLogger().logger }).deliver(wrapDomainEvents(events));

    const flaky = flakyStore(2, fault);
    const emulator = new EventSourceEmulator({ store: flaky.store, logger: captureLogger().logger });
    await emulator.deliver(wrapDomainEvents(events));

    expect(flaky.store.faults).toBe(2);
    expect(emulator.invocations).toBe(3);
    expect(flaky.inner.dump()).toEqual(clean.dump());
    expect(emulator.summary()).toEqual({ records: 5, applied: 5, duplicates: 0, ignored: 0, orphaned: 0, rejected: 0, failed: 0 });
  });

  it('after 3 retries counts the rest of the batch as failed and goes on with the next batch', async () => {
    const flaky = flakyStore(99);
    const emulator = new EventSourceEmulator({ store: flaky.store, logger: captureLogger().logger, batchSize: 4 });
    await emulator.deliver(wrapDomainEvents(events));

    expect(flaky.store.faults).toBe(4);
    expect(emulator.invocations).toBe(1 + 3 + 1);
    expect(emulator.summary()).toEqual({ records: 5, applied: 2, duplicates: 0, ignored: 0, orphaned: 0, rejected: 0, failed: 3 });
    expect(await getLimit(flaky.inner, 'limit-1')).toMatchObject({ progress: '15' });
  });
});
