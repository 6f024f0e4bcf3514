import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { created, progressChanged, reset, unrelated } from './helpers/events';
import { captureLogger, harness } from './helpers/harness';

const events = [
  created(1),
  unrelated(2),
  progressChanged(3, '0', '0.1'),
  progressChanged(4, '0.1', '0.2'),
  created(5, { userLimitId: 'limit-2', type: 'LOSS' }),
  reset(6),
  progressChanged(7, '0', '99999999999999999999.98'),
  progressChanged(8, '99999999999999999999.98', '0.01'),
];

const deliverOnce = async () => {
  const { handler, store } = harness();
  await handler({ Records: wrapDomainEvents(events) });
  return await store.allLimits();
};

describe('redelivery', () => {
  it('gives exact decimal progress', async () => {
    const state = await deliverOnce();
    expect(state.find((limit) => limit.userLimitId === 'limit-1')?.progress).toBe('99999999999999999999.99');
  });

  it('the same batch delivered twice gives the state of a single delivery', async () => {
    const { handler, store, outcomes } = harness();
    const records = wrapDomainEvents(events);
    await handler({ Records: records });
    await handler({ Records: records });
    expect(await store.allLimits()).toEqual(await deliverOnce());
    expect(outcomes[1]).toEqual(['duplicates', 'ignored', ...Array(6).fill('duplicates')]);
  });

  it.each([1, 3, 5, 7])('a batch retried from record %i gives the state of a single delivery', async (from) => {
    const { handler, store } = harness();
    const records = wrapDomainEvents(events);
    await handler({ Records: records });
    await handler({ Records: records.slice(from) });
    expect(await store.allLimits()).toEqual(await deliverOnce());
  });

  it('counts each distinct record once in the emulator summary', async () => {
    const records = wrapDomainEvents(events);
    const emulator = new EventSourceEmulator({ store: new InMemoryUserLimitStore(), logger: captureLogger().logger, batchSize: 3 });
    await emulator.deliver([...records, ...records.slice(2)]);
    expect(emulator.summary()).toEqual({ records: 8, applied: 7, duplicates: 0, ignored: 1, orphaned: 0, rejected: 0, failed: 0 });
  });
});
