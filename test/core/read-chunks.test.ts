import { READ_CHUNK } from '../../lambda/processor/pipeline/process-batch';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { limitKeyOf } from '../support/limit-key';
import type { UserLimitStore, WorkingSetRequest } from '../../lambda/store/user-limit-store';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { created, progressChanged } from './helpers/events';
import { harness } from './helpers/harness';

/** A store that records every load request, and fails the `failLoad`-th load (0-based) if asked. */
const recordingStore = (failLoad = -1) => {
  const inner = new InMemoryUserLimitStore();
  const loads: WorkingSetRequest[] = [];
  const store: UserLimitStore = {
    load: async (request) => {
      loads.push(request);
      if (loads.length - 1 === failLoad) throw new Error('load failed');
      return inner.load(request);
    },
    commit: (changes) => inner.commit(changes),
    unstorableReason: () => undefined,
  };
  return { store, inner, loads };
};

/** Two users, each with one limit, whose events alternate across more than two read chunks. */
const events = [created(1), created(1, {}, 'user-2')];
for (let sequence = 2; events.length < 2 * READ_CHUNK + 10; sequence += 1) {
  events.push(progressChanged(sequence, String(sequence - 2), '1'), progressChanged(sequence, String(sequence - 2), '1', {}, 'user-2'));
}

describe(`a batch longer than one read chunk (${READ_CHUNK} records)`, () => {
  it('loads each watermark and limit once per batch, whatever chunk first needs it, and commits once', async () => {
    const { store, inner, loads } = recordingStore();
    const { handler, lastOutcomes } = harness(store);
    const records = wrapDomainEvents(events);
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(loads).toHaveLength(1); // the later chunks touch nothing new
    expect(loads[0]!.userIds).toEqual(['user-1', 'user-2']);
    expect(loads[0]!.limitKeys.map(limitKeyOf)).toEqual([
      limitKeyOf({ userId: 'user-1', userLimitId: 'limit-1' }),
      limitKeyOf({ userId: 'user-2', userLimitId: 'limit-1' }),
    ]);
    expect(lastOutcomes().every((outcome) => outcome === 'applied')).toBe(true);
    const last = (events.length - 2) / 2;
    expect(inner.snapshot().map((limit) => limit.progress)).toEqual([String(last), String(last)]);
  });

  it('a load that fails in a later chunk fails the batch from its first changing record: nothing was committed', async () => {
    const lateUser = [...events.slice(0, READ_CHUNK + 4), created(1, { userLimitId: 'late' }, 'user-3')];
    const { store, inner, loads } = recordingStore(1);
    const { handler, lastOutcomes } = harness(store);
    const records = wrapDomainEvents(lateUser);
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    expect(loads).toHaveLength(2);
    expect(lastOutcomes().every((outcome) => outcome === 'failed')).toBe(true);
    expect(inner.snapshot()).toEqual([]);
  });
});
