import type { Context } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import { DEADLINE_SAFETY_MARGIN_MS } from '../../lambda/processor/pipeline/deadline';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { created, progressChanged, reset } from '../core/helpers/events';
import { captureLogs } from '../support/log-capture';
import { newDynamoDbStore, newTestStore, stopSharedDynalite } from '../support/test-stores';

afterAll(stopSharedDynalite);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every load and commit of `inner` starts `delayMs` later (a slow network), so invocations interleave. */
const delayed = (inner: UserLimitStore, delayMs: () => number): UserLimitStore => ({
  load: async (request) => {
    await pause(delayMs());
    return inner.load(request);
  },
  commit: async (changes) => {
    await pause(delayMs());
    return inner.commit(changes);
  },
  unstorableReason: (candidate) => inner.unstorableReason(candidate),
});

const events = [
  created(1),
  created(2, { userLimitId: 'limit-2', value: '500' }),
  progressChanged(3, '0', '10'),
  progressChanged(4, '0', '20.5', { userLimitId: 'limit-2' }),
  progressChanged(5, '10', '5'),
  reset(6, { userLimitId: 'limit-2' }),
  progressChanged(7, '15', '0.25'),
  created(8, { value: '20000' }),
];
const records = wrapDomainEvents(events);

const cleanState = async (count: number) => {
  const clean = newTestStore('memory');
  await createHandler({ store: clean, logger: captureLogs('ERROR').logger })({ Records: records.slice(0, count) });
  return clean.allLimits();
};

const contextWithRemaining = (remainingMs: number): Context => {
  const end = Date.now() + remainingMs;
  return { awsRequestId: 'race', functionName: 'user-limits-processor', getRemainingTimeInMillis: () => end - Date.now() } as Context;
};

describe('DynamoDB store under concurrent and late invocations (DOMAIN.md rule 8)', () => {
  it.each([
    ['the same batch twice at once (a retry while the first still runs)', [8, 8]],
    ['an older and a newer batch of the same user at once', [5, 8]],
    ['three overlapping batches at once', [3, 8, 6]],
  ])('%s: the table ends in the state of one clean delivery', async (_case, lengths) => {
    for (let round = 0; round < 5; round += 1) {
      const { store, allLimits } = await newDynamoDbStore();
      const racing = lengths.map((length) =>
        createHandler({ store: delayed(store, () => Math.random() * 20), logger: captureLogs('ERROR').logger })({
          Records: records.slice(0, length),
        }),
      );
      const responses = await Promise.all(racing);
      expect(responses.every((response) => response.batchItemFailures.length === 0)).toBe(true);
      expect(await allLimits()).toEqual(await cleanState(Math.max(...lengths)));
    }
  });

  it('a commit that lands after its invocation gave up cannot overwrite what a later invocation wrote', async () => {
    const { store, allLimits } = await newDynamoDbStore();
    let slowCommits = 1;
    const slowFirstCommit: UserLimitStore = {
      load: (request) => store.load(request),
      commit: async (changes) => {
        if (slowCommits-- > 0) await pause(600); // lands long after the invocation's deadline
        return store.commit(changes);
      },
      unstorableReason: (candidate) => store.unstorableReason(candidate),
    };
    const first = createHandler({ store: slowFirstCommit, logger: captureLogs('ERROR').logger });
    const gaveUp = await first({ Records: records.slice(0, 5) }, contextWithRemaining(DEADLINE_SAFETY_MARGIN_MS + 100));
    expect(gaveUp.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.kinesis.sequenceNumber }]);

    // Lambda retries from the reported record; this invocation also gets the events after it.
    const retry = await createHandler({ store, logger: captureLogs('ERROR').logger })({ Records: records });
    expect(retry.batchItemFailures).toEqual([]);
    const afterRetry = await allLimits();
    expect(afterRetry).toEqual(await cleanState(8));

    await pause(800); // the first invocation's commit has landed by now
    expect(await allLimits()).toEqual(afterRetry);
  });
});
