import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore, WorkingSet } from '../../lambda/store/user-limit-store';
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
  it("reports the earliest record whose effect is not durable: the user's watermark was not written, so that is the user's first record", async () => {
    const { store, inner } = flakyStore(1);
    const { handler, lastOutcomes, lines } = harness(store);
    const records = wrapDomainEvents(events);
    const response = await handler({ Records: records });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    expect(lastOutcomes()).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(await getLimit(inner, 'limit-2')).toBeUndefined();
    // limit-1's write went through: its final state is durable, the redelivery will find it by its sequence number.
    expect(await getLimit(inner, 'limit-1')).toMatchObject({ progress: '15' });
    expect(await getWatermark(inner, 'user-1')).toBeUndefined();
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ kinesisSequenceNumber: records[0]!.kinesis.sequenceNumber, notProcessedAfterIt: 4 }),
    ]);
    expect(lines.find((line) => line.level === 'INFO')).toMatchObject({ applied: 0, failed: 5, batchItemFailures: 1 });
  });

  it.each<[string, Fault, number, number]>([
    ['failed writes: both faults hit, 3 invocations', true, 2, 3],
    // The lost write landed: the retry finds limit-2 at its sequence number and has nothing to write for it.
    ['a write applied but answered with an error: 1 fault, 2 invocations', 'lost', 1, 2],
  ])('converges under the emulator retry to the fault-free state (%s)', async (_, fault, faults, invocations) => {
    const clean = new InMemoryUserLimitStore();
    await new EventSourceEmulator({ store: clean, logger: captureLogger().logger }).deliver(wrapDomainEvents(events));

    const flaky = flakyStore(2, fault);
    const emulator = new EventSourceEmulator({ store: flaky.store, logger: captureLogger().logger });
    await emulator.deliver(wrapDomainEvents(events));

    expect(flaky.store.faults).toBe(faults);
    expect(emulator.invocations).toBe(invocations);
    expect(flaky.inner.dump()).toEqual(clean.dump());
    // A record whose write landed but was answered with an error comes back as a duplicate of itself.
    const { applied, duplicates, ...rest } = emulator.summary();
    expect(applied + duplicates).toBe(5);
    expect(rest).toEqual({ records: 5, ignored: 0, orphaned: 0, rejected: 0, failed: 0 });
  });

  it('after 3 retries counts the rest of the batch as failed and goes on with the next batch', async () => {
    const flaky = flakyStore(99);
    const emulator = new EventSourceEmulator({ store: flaky.store, logger: captureLogger().logger, batchSize: 4 });
    await emulator.deliver(wrapDomainEvents(events));

    expect(flaky.store.faults).toBe(4);
    expect(emulator.invocations).toBe(1 + 3 + 1);
    // The first batch (records 1-4) never gets its watermark written, so all of it is given up; record 5 then applies.
    expect(emulator.summary()).toEqual({ records: 5, applied: 1, duplicates: 0, ignored: 0, orphaned: 0, rejected: 0, failed: 4 });
    expect(await getLimit(flaky.inner, 'limit-1')).toMatchObject({ progress: '15' });
  });
});

describe('a store whose load answers another question', () => {
  it.each([
    ['one watermark too few', (answer: WorkingSet): WorkingSet => ({ ...answer, watermarks: answer.watermarks.slice(1) })],
    ['one limit too many', (answer: WorkingSet): WorkingSet => ({ ...answer, limits: [...answer.limits, undefined] })],
  ])('%s: the batch fails from its first record and nothing is written', async (_, distort) => {
    const inner = new InMemoryUserLimitStore();
    const store: UserLimitStore = {
      load: async (request) => distort(await inner.load(request)),
      commit: (changes) => inner.commit(changes),
      unstorableReason: () => undefined,
    };
    const { handler, lastOutcomes, lines } = harness(store);
    const records = wrapDomainEvents(events);

    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    expect(lastOutcomes()).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(inner.dump()).toEqual({ limits: [], watermarks: new Map() });
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/^WorkingSetMismatchError: store answered \d+ watermarks and \d+ limits/) }),
    ]);
  });
});
