import type { Context } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import type { Outcome } from '../../lambda/processor/pipeline/outcome';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { FaultyStore } from '../support/faulty-store';
import { captureLogs } from '../support/log-capture';

/** Values only a payload holds: none may ever reach a log line outside a rejected record's raw data. */
const SECRETS = {
  email: 'jane.doe@example.com',
  fullName: 'Jane Secret Doe',
  value: '424242.42',
  amount: '987654.321',
  currencyCode: 'XQZ',
  note: 'self-excluded',
};

/** The invocation as Lambda describes it: the handler gives it to the logger, as deployed. */
const LAMBDA_CONTEXT = {
  functionName: 'user-limits-processor',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:user-limits-processor',
  memoryLimitInMB: '512',
  awsRequestId: 'request-7',
  logGroupName: '/aws/lambda/user-limits-processor',
  logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
} as Context;

/** What Powertools adds to every line of a deployed invocation, from the context above. */
const DEPLOYED_LINE_KEYS = {
  // Powertools keeps it per process: true for the first invocation only.
  cold_start: expect.any(Boolean) as boolean,
  function_arn: LAMBDA_CONTEXT.invokedFunctionArn,
  function_memory_size: LAMBDA_CONTEXT.memoryLimitInMB,
  function_name: LAMBDA_CONTEXT.functionName,
  function_request_id: LAMBDA_CONTEXT.awsRequestId,
};

/** What a non-rejected line may carry: Powertools' own keys, the record's location and ids, counters. */
const ALLOWED_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
  ...Object.keys(DEPLOYED_LINE_KEYS),
  'kinesisSequenceNumber',
  'partitionKey',
  'eventId',
  'eventType',
  'aggregateId',
  'sequenceNumber',
  'correlation_id',
  'userLimitId',
  'records',
  'applied',
  'duplicates',
  'ignored',
  'orphaned',
  'rejected',
  'failed',
  'batchItemFailures',
  // The summary's figures that its EMF blob repeats: a count and two durations.
  'progressGaps',
  'batchAgeMs',
  'storeMs',
  'error',
  'notProcessedAfterIt',
  // The progress-gap warning names the two disagreeing progress figures: its whole point.
  'storedProgress',
  'previousProgress',
]);

const base = (sequenceNumber: number, type: string, payload: Record<string, unknown>) => ({
  eventId: `event-${sequenceNumber}`,
  type,
  aggregateId: 'user-7',
  sequenceNumber,
  createdAt: 1_700_000_000_000,
  payload: { userId: 'user-7', brandId: 'brand-7', email: SECRETS.email, fullName: SECRETS.fullName, note: SECRETS.note, ...payload },
  source: 'limitUser',
  context: { correlationId: 'correlation-7', ip: '203.0.113.9' },
});

const created = (n: number) =>
  base(n, 'USER_LIMIT_CREATED', {
    userLimitId: 'limit-7',
    currencyCode: SECRETS.currencyCode,
    type: 'LOSS',
    period: 'WEEK',
    status: 'ACTIVE',
    value: SECRETS.value,
    activeFrom: 1,
  });
const progress = (n: number, previousProgress = '0') =>
  base(n, 'USER_LIMIT_PROGRESS_CHANGED', {
    userLimitId: 'limit-7',
    amount: SECRETS.amount,
    previousProgress,
    remainingAmount: SECRETS.value,
  });
const reset = (n: number, userLimitId = 'limit-7') => base(n, 'USER_LIMIT_RESET', { userLimitId, resetAmount: SECRETS.amount });
const unrelated = (n: number) => base(n, 'LIMIT_USER_CREATED', { amount: SECRETS.amount });

/** Every outcome but `rejected`, plus a progress gap, in one batch, logged at DEBUG. */
const EVENTS = [reset(1, 'limit-unknown'), created(2), progress(3), progress(3), progress(4, '1'), reset(5), unrelated(6), created(7)];

const logsOf = async (failFrom = Number.POSITIVE_INFINITY) => {
  const logs = captureLogs('DEBUG');
  let outcomes: readonly Outcome[] = [];
  const store = new FaultyStore(new InMemoryUserLimitStore(), (call) => call.index >= failFrom);
  const handler = createHandler({ store, logger: logs.logger, onOutcomes: (seen) => (outcomes = seen) });
  await handler({ Records: wrapDomainEvents(EVENTS) }, LAMBDA_CONTEXT);
  return { entries: logs.entries(), lines: logs.lines, outcomes };
};

describe('log safety: ids are logged, nothing else personal', () => {
  it('covers every outcome except rejected', async () => {
    expect(new Set((await logsOf()).outcomes)).toEqual(new Set(['orphaned', 'applied', 'duplicates', 'ignored']));
    expect((await logsOf(1)).outcomes).toContain('failed');
  });

  it.each([
    ['a healthy batch', Number.POSITIVE_INFINITY],
    ['a batch whose store fails at its first write', 1],
  ])('%s: no payload value, no raw data, only allowed keys', async (_kind, failFrom) => {
    const { entries, lines } = await logsOf(failFrom);
    expect(entries.filter((entry) => 'storedProgress' in entry).map((entry) => entry.message)).toEqual([
      expect.stringMatching(/^Progress gap/),
    ]);
    expect(entries.length).toBeGreaterThan(EVENTS.length);
    expect(lines).toHaveLength(entries.length);
    for (const entry of entries) {
      // Every line names the invocation, as a deployed one does.
      expect(entry).toMatchObject(DEPLOYED_LINE_KEYS);
    }
    for (const entry of entries) {
      // The progress-gap warning's two figures are the one documented exception: checked by key below.
      const { storedProgress, previousProgress, ...rest } = entry;
      const line = JSON.stringify(rest);
      for (const secret of [
        SECRETS.email,
        SECRETS.fullName,
        SECRETS.value,
        SECRETS.amount,
        SECRETS.currencyCode,
        SECRETS.note,
        '203.0.113.9',
      ]) {
        expect(line).not.toContain(secret);
      }
    }
    for (const entry of entries) {
      const unexpected = Object.keys(entry).filter((key) => !ALLOWED_KEYS.has(key));
      expect({ message: entry.message, unexpected }).toEqual({ message: entry.message, unexpected: [] });
    }
  });

  it('an applied PROGRESS_CHANGED at DEBUG logs ids and location only', async () => {
    const { entries } = await logsOf();
    const line = entries.find((entry) => entry.message === 'Record applied' && entry.eventId === 'event-3');
    expect(line).toBeDefined();
    const { level, message, timestamp, service, sampling_rate, ...withContext } = line!;
    const rest = Object.fromEntries(Object.entries(withContext).filter(([key]) => !(key in DEPLOYED_LINE_KEYS)));
    expect(Object.keys(rest).sort()).toEqual([
      'aggregateId',
      'correlation_id',
      'eventId',
      'eventType',
      'kinesisSequenceNumber',
      'partitionKey',
      'sequenceNumber',
    ]);
  });

  it('only a rejected record carries raw data, as base64, within the allowance', async () => {
    const logs = captureLogs('DEBUG');
    const handler = createHandler({ store: new InMemoryUserLimitStore(), logger: logs.logger });
    await handler({ Records: wrapDomainEvents([{ ...created(1), sequenceNumber: 'one' }]) });
    const withData = logs.entries().filter((entry) => 'data' in entry);
    expect(withData.map((entry) => entry.message)).toEqual(['Record rejected']);
    expect(Buffer.from(String(withData[0]!.data), 'base64').toString('utf8')).toContain(SECRETS.email);
  });
});
