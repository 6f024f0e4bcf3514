import { getLimit, getWatermark } from '../support/store-reads';
import { countOutcomes } from '../../lambda/processor/pipeline/outcome';
import { created, progressChanged, reset, unrelated } from './helpers/events';
import { harness, recordOf } from './helpers/harness';

describe('each outcome through the handler', () => {
  it('applied: a created limit and its progress', async () => {
    const { handler, store, lastOutcomes } = harness();
    await handler({ Records: [recordOf(created(1)), recordOf(progressChanged(2, '0', '200'))] });
    expect(lastOutcomes()).toEqual(['applied', 'applied']);
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('200');
  });

  it('duplicates: an event at or below the watermark changes nothing', async () => {
    const { handler, store, lastOutcomes } = harness();
    await handler({ Records: [recordOf(created(1)), recordOf(progressChanged(3, '0', '200'))] });
    await handler({ Records: [recordOf(progressChanged(3, '0', '200')), recordOf(progressChanged(2, '0', '999'))] });
    expect(lastOutcomes()).toEqual(['duplicates', 'duplicates']);
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('200');
  });

  it('ignored: types without a handler, including inherited property names', async () => {
    const { handler, lastOutcomes, store } = harness();
    const constructorType = { ...unrelated(2), type: 'constructor' };
    await handler({ Records: [recordOf(unrelated(1)), recordOf(constructorType), recordOf({ ...unrelated(3), type: 'toString' })] });
    expect(lastOutcomes()).toEqual(['ignored', 'ignored', 'ignored']);
    expect(await getWatermark(store, 'user-1')).toBeUndefined();
  });

  it('orphaned: progress or reset for an unknown limit moves the watermark and warns', async () => {
    const { handler, store, lines, lastOutcomes } = harness();
    await handler({ Records: [recordOf(reset(5)), recordOf(progressChanged(6, '0', '1'))] });
    expect(lastOutcomes()).toEqual(['orphaned', 'orphaned']);
    expect(await getWatermark(store, 'user-1')).toBe(6);
    expect(await getLimit(store, 'limit-1')).toBeUndefined();
    const warnings = lines.filter((line) => line.level === 'WARN');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ userLimitId: 'limit-1', eventId: 'event-user-1-5', correlation_id: 'corr-5' });
  });

  it('rejected: invalid records are logged at ERROR and never reported', async () => {
    const { handler, lines, lastOutcomes } = harness();
    const bad = recordOf(progressChanged(1, '0', '1e5'));
    const response = await handler({ Records: [bad] });
    expect(response.batchItemFailures).toEqual([]);
    expect(lastOutcomes()).toEqual(['rejected']);
    const [error] = lines.filter((line) => line.level === 'ERROR');
    expect(error).toMatchObject({
      message: 'Record rejected',
      reason: expect.stringContaining('payload.amount'),
      kinesisSequenceNumber: bad.kinesis.sequenceNumber,
      partitionKey: 'user-1',
      data: bad.kinesis.data,
      dataTruncated: false,
      correlation_id: 'corr-1',
    });
  });

  it('re-created limit keeps its progress', async () => {
    const { handler, store } = harness();
    await handler({
      Records: [
        recordOf(created(1)),
        recordOf(progressChanged(2, '0', '150.25')),
        recordOf(created(3, { value: '20000', period: 'WEEK' })),
      ],
    });
    expect(await getLimit(store, 'limit-1')).toMatchObject({
      value: '20000',
      period: 'WEEK',
      progress: '150.25',
      previousLimitValue: '10000',
    });
  });

  it('warns on a progress gap and still applies', async () => {
    const { handler, store, lines } = harness();
    await handler({ Records: [recordOf(created(1)), recordOf(progressChanged(2, '0', '100')), recordOf(progressChanged(9, '300', '50'))] });
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('350');
    expect(lines.filter((line) => line.level === 'WARN')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Progress gap'),
        storedProgress: '100',
        previousProgress: '300',
        sequenceNumber: 9,
      }),
    ]);
  });

  it('logs one INFO summary per batch and DEBUG per record with the correlation id', async () => {
    const { handler, lines } = harness();
    await handler({ Records: [recordOf(created(1)), recordOf(unrelated(2))] });
    expect(lines.filter((line) => line.level === 'INFO')).toEqual([
      expect.objectContaining({ message: 'Batch processed', records: 2, applied: 1, ignored: 1, failed: 0 }),
    ]);
    expect(lines.filter((line) => line.level === 'DEBUG').map((line) => [line.message, line.correlation_id])).toEqual([
      ['Record applied', 'corr-1'],
      ['Record ignored', 'corr-2'],
    ]);
  });

  it('counts add up over a mixed batch', async () => {
    const { handler, lastOutcomes } = harness();
    await handler({
      Records: [
        recordOf(created(1)),
        recordOf('nope'),
        recordOf(unrelated(2)),
        recordOf(created(1)),
        recordOf(reset(3, { userLimitId: 'x' })),
      ],
    });
    expect(countOutcomes(lastOutcomes())).toEqual({
      records: 5,
      applied: 1,
      duplicates: 1,
      ignored: 1,
      orphaned: 1,
      rejected: 1,
      failed: 0,
    });
  });

  it('answers an event without records with an empty response', async () => {
    const { handler } = harness();
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
  });
});

describe('the same userLimitId under two users is two limits (DOMAIN.md rule 6)', () => {
  it('in one batch, in any order: each user gets its own limit, progress and watermark', async () => {
    const { handler, store, lastOutcomes, lines } = harness();
    const a = (event: ReturnType<typeof created>) => recordOf(event, 'user-a');
    const b = (event: ReturnType<typeof created>) => recordOf(event, 'user-b');
    await handler({
      Records: [
        a(created(1, { userLimitId: 'shared' }, 'user-a')),
        b(progressChanged(7, '0', '5', { userLimitId: 'shared' }, 'user-b')),
        b(created(3, { userLimitId: 'shared', value: '500' }, 'user-b')),
        a(progressChanged(2, '0', '10', { userLimitId: 'shared' }, 'user-a')),
        b(progressChanged(8, '0', '1', { userLimitId: 'shared' }, 'user-b')),
        a(progressChanged(4, '10', '0.5', { userLimitId: 'shared' }, 'user-a')),
      ],
    });
    // user-b's progress meets no limit of its own (user-a's 'shared' is not it): orphaned, and its
    // creation, below the watermark that moved, is a duplicate.
    expect(lastOutcomes()).toEqual(['applied', 'orphaned', 'duplicates', 'applied', 'orphaned', 'applied']);
    expect(await getLimit(store, 'shared', 'user-a')).toMatchObject({ userId: 'user-a', value: '10000', progress: '10.5' });
    expect(await getLimit(store, 'shared', 'user-b')).toBeUndefined();
    expect([await getWatermark(store, 'user-a'), await getWatermark(store, 'user-b')]).toEqual([4, 8]);
    const orphaned = expect.objectContaining({
      message: 'Record orphaned: limit not in store',
      userLimitId: 'shared',
      aggregateId: 'user-b',
    });
    expect(lines.filter((line) => line.level === 'WARN')).toEqual([orphaned, orphaned]);
  });

  it('across batches: a limit of one user never answers for the other', async () => {
    const { handler, store, lastOutcomes } = harness();
    await handler({ Records: [recordOf(created(1, { userLimitId: 'shared' }, 'user-a'), 'user-a')] });
    await handler({
      Records: [
        recordOf(created(1, { userLimitId: 'shared', value: '7' }, 'user-b'), 'user-b'),
        recordOf(progressChanged(2, '0', '3', { userLimitId: 'shared' }, 'user-a'), 'user-a'),
        recordOf(progressChanged(2, '0', '4', { userLimitId: 'shared' }, 'user-b'), 'user-b'),
      ],
    });
    expect(lastOutcomes()).toEqual(['applied', 'applied', 'applied']);
    expect(await getLimit(store, 'shared', 'user-a')).toMatchObject({ value: '10000', progress: '3' });
    expect(await getLimit(store, 'shared', 'user-b')).toMatchObject({ value: '7', progress: '4' });
  });
});
