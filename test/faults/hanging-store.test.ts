import type { Context } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import { batchBudgetMs, DEADLINE_SAFETY_MARGIN_MS, startDeadline } from '../../lambda/processor/pipeline/deadline';
import type { Outcome } from '../../lambda/processor/pipeline/outcome';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { hangingStore } from '../support/faulty-store';
import { captureLogs } from '../support/log-capture';
import { getWatermark } from '../support/store-reads';

/** A Lambda context with `remainingMs` left, counted down in real time. */
const contextWithRemaining = (remainingMs: number): Context => {
  const end = Date.now() + remainingMs;
  return { awsRequestId: 'test', functionName: 'user-limits-processor', getRemainingTimeInMillis: () => end - Date.now() } as Context;
};

const created = (user: string, sequenceNumber: number) => ({
  eventId: `created-${user}-${sequenceNumber}`,
  type: 'USER_LIMIT_CREATED',
  aggregateId: user,
  sequenceNumber,
  createdAt: 1_700_000_000_000,
  payload: {
    userLimitId: `limit-${user}`,
    userId: user,
    brandId: 'b',
    currencyCode: 'SEK',
    type: 'DEPOSIT',
    period: 'DAY',
    status: 'ACTIVE',
    value: '100',
    activeFrom: 1,
  },
});

/** Three users' creations; the second one's limit is where the store hangs. */
const records = wrapDomainEvents([created('alice', 1), created('bob', 1), created('carol', 1)]);

const run = async (store: UserLimitStore, context?: Context) => {
  const logs = captureLogs('INFO');
  let outcomes: readonly Outcome[] = [];
  const handler = createHandler({ store, logger: logs.logger, onOutcomes: (seen) => (outcomes = seen) });
  const started = Date.now();
  const response = await handler({ Records: records }, context);
  return { response, outcomes, logs, elapsedMs: Date.now() - started };
};

/** The batch's commit never answers. */
const hangsOnCommit = (inner: InMemoryUserLimitStore): UserLimitStore => hangingStore(inner, 'commit');

describe('a store that hangs', () => {
  it('fails a hung commit before the Lambda timeout: the first changing record reported, ERROR logged, nothing written', async () => {
    const inner = new InMemoryUserLimitStore();
    const { response, outcomes, logs, elapsedMs } = await run(hangsOnCommit(inner), contextWithRemaining(DEADLINE_SAFETY_MARGIN_MS + 100));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.kinesis.sequenceNumber }]);
    expect(outcomes).toEqual(['failed', 'failed', 'failed']);
    expect(elapsedMs).toBeLessThan(DEADLINE_SAFETY_MARGIN_MS + 100);
    const failure = logs.entries().find((entry) => entry.level === 'ERROR');
    expect(failure).toMatchObject({
      message: 'Record failed: store error, reported for retry',
      kinesisSequenceNumber: records[0]!.kinesis.sequenceNumber,
      notProcessedAfterIt: 2,
    });
    expect(String(failure?.error)).toMatch(/^StoreDeadlineError: /);
    expect(inner.snapshot()).toEqual([]);
  }, 5_000);

  it('a hung load fails the batch from its first event; records settled without the store keep their outcome', async () => {
    const withJunkFirst = [
      wrapDomainEvents([{ eventId: 'x', type: 'NOT_OURS', aggregateId: 'zed', sequenceNumber: 1, createdAt: 1, payload: {} }])[0]!,
      ...records,
    ];
    const logs = captureLogs('INFO');
    let outcomes: readonly Outcome[] = [];
    const handler = createHandler({
      store: hangingStore(new InMemoryUserLimitStore(), 'load'),
      logger: logs.logger,
      onOutcomes: (seen) => (outcomes = seen),
    });
    const response = await handler({ Records: withJunkFirst }, contextWithRemaining(DEADLINE_SAFETY_MARGIN_MS + 50));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: withJunkFirst[1]!.kinesis.sequenceNumber }]);
    expect(outcomes).toEqual(['ignored', 'failed', 'failed', 'failed']);
  }, 5_000);

  it('fails at once when the remaining time is already inside the safety margin', async () => {
    const { response, elapsedMs } = await run(
      hangsOnCommit(new InMemoryUserLimitStore()),
      contextWithRemaining(DEADLINE_SAFETY_MARGIN_MS - 500),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.kinesis.sequenceNumber }]);
    expect(elapsedMs).toBeLessThan(1_000);
  }, 5_000);

  it('a load that answers after the deadline writes nothing behind the batch', async () => {
    const inner = new InMemoryUserLimitStore();
    const slow: UserLimitStore = {
      load: (request) => new Promise((resolve) => setTimeout(() => resolve(inner.load(request)), 300)),
      commit: (changes) => inner.commit(changes),
      unstorableReason: () => undefined,
    };
    const { response, outcomes, logs } = await run(slow, contextWithRemaining(DEADLINE_SAFETY_MARGIN_MS + 50));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.kinesis.sequenceNumber }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(inner.snapshot()).toEqual([]);
    expect(await getWatermark(inner, 'alice')).toBeUndefined();
    expect(outcomes).toEqual(['failed', 'failed', 'failed']);
    expect(logs.entries().filter((entry) => entry.level === 'ERROR')).toHaveLength(1);
  }, 5_000);

  it('leaves no timer behind when the batch ends well before its deadline', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const { response } = await run(new InMemoryUserLimitStore(), contextWithRemaining(900_000));
    expect(response.batchItemFailures).toEqual([]);
    expect(timers()).toBe(before);
  });

  it('without a Lambda context (local tools) there is no deadline', async () => {
    const pending = run(hangsOnCommit(new InMemoryUserLimitStore()));
    const outcome = await Promise.race([
      pending.then(() => 'returned'),
      new Promise((resolve) => setTimeout(resolve, 100, 'still waiting')),
    ]);
    expect(outcome).toBe('still waiting');
  });
});

describe('startDeadline', () => {
  it('a budget beyond what a timer holds does not fire at once; a context without finite time means no deadline', async () => {
    const far = startDeadline(Number.MAX_SAFE_INTEGER);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(far.passed).toBe(false);
    far.cancel();
    for (const remaining of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(batchBudgetMs({ getRemainingTimeInMillis: () => remaining } as Context)).toBeUndefined();
    }
    expect(batchBudgetMs({ getRemainingTimeInMillis: () => 10_000 } as Context)).toBe(10_000 - DEADLINE_SAFETY_MARGIN_MS);
    expect(batchBudgetMs(undefined)).toBeUndefined();
  });

  it('rejects with StoreDeadlineError when the budget is spent, and never once cancelled', async () => {
    await expect(startDeadline(10).expired).rejects.toThrow(/pending .* before the Lambda timeout/);
    const cancelled = startDeadline(10);
    cancelled.cancel();
    const result = await Promise.race([
      cancelled.expired.then(
        () => 'settled',
        () => 'settled',
      ),
      new Promise((resolve) => setTimeout(resolve, 50, 'pending')),
    ]);
    expect(result).toBe('pending');
    expect(cancelled.passed).toBe(false);
  });
});
