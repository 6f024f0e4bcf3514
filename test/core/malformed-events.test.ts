import type { KinesisStreamEvent } from 'aws-lambda';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { getLimit } from '../support/store-reads';
import { created, progressChanged, reset } from './helpers/events';
import { harness, recordOf } from './helpers/harness';

/** A store whose commit throws `thrown`, whatever it is. */
const throwingStore = (thrown: () => unknown): UserLimitStore => {
  const inner = new InMemoryUserLimitStore();
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point: stores may reject with anything.
  return { load: (request) => inner.load(request), commit: async () => Promise.reject(thrown()), unstorableReason: () => undefined };
};

describe('events Lambda never sends', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'record'],
    ['an array', []],
    ['an object without kinesis', {}],
  ])('a record that is %s is rejected (ERROR log) and the rest is processed', async (_kind, bad) => {
    const { handler, lastOutcomes, lines, store } = harness();
    const response = await handler({ Records: [bad, recordOf(created(1))] } as unknown as KinesisStreamEvent);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(lastOutcomes()).toEqual(['rejected', 'applied']);
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([expect.objectContaining({ message: 'Record rejected' })]);
    expect(await getLimit(store, 'limit-1')).toBeDefined();
  });

  it.each([
    ['Records missing', {}],
    ['Records not an array', { Records: { 0: 'x' } }],
    ['the event null', null],
  ])('%s: acknowledged, with an ERROR "malformed event" carrying what was received, clipped', async (_kind, event) => {
    const { handler, lines } = harness();
    expect(await handler(event as unknown as KinesisStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(lines.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ message: 'Malformed event: Records is not an array', received: JSON.stringify(event) }),
    ]);
  });

  it('a huge malformed event is clipped in its log line', async () => {
    const { handler, lines } = harness();
    await handler({ Records: 'x'.repeat(100_000) } as unknown as KinesisStreamEvent);
    const received = lines.find((line) => line.level === 'ERROR')?.received as string;
    expect(received.length).toBeLessThanOrEqual(1025);
  });
});

describe('whatever a store throws, the record fails and is reported', () => {
  const nullPrototype = () => Object.create(null) as object;
  const badToString = () => ({
    toString: () => {
      throw new Error('no');
    },
  });
  it.each([
    ['a null-prototype object', nullPrototype],
    ['an object whose toString throws', badToString],
    ['undefined', () => undefined],
    ['a string', () => 'plain string'],
  ])('%s', async (_kind, thrown) => {
    const { handler, lastOutcomes, lines } = harness(throwingStore(thrown));
    const records = [recordOf(created(1)), recordOf(progressChanged(2, '0', '1'))];
    const response = await handler({ Records: records });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    expect(lastOutcomes()).toEqual(['failed', 'failed']);
    expect(lines.find((line) => line.level === 'ERROR')).toMatchObject({
      message: 'Record failed: store error, reported for retry',
      error: expect.any(String),
    });
  });
});

describe('a store failure at a record without kinesis.sequenceNumber', () => {
  const withoutSequenceNumber = (record: ReturnType<typeof recordOf>) => {
    const copy = structuredClone(record);
    delete (copy.kinesis as Partial<typeof copy.kinesis>).sequenceNumber;
    return copy;
  };

  it('reports the nearest earlier record that has one (its redelivery is harmless), never an identifier outside the batch', async () => {
    const { handler, lastOutcomes } = harness(throwingStore(() => new Error('down')));
    const records = [recordOf({ type: 'NOT_OURS' }), withoutSequenceNumber(recordOf(created(1)))];
    const response = await handler({ Records: records });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.kinesis.sequenceNumber }] });
    expect(lastOutcomes()).toEqual(['rejected', 'failed']);
  });

  it('with no earlier record to report, throws so that Lambda retries the whole batch', async () => {
    const { handler } = harness(throwingStore(() => new Error('down')));
    await expect(handler({ Records: [withoutSequenceNumber(recordOf(created(1)))] })).rejects.toThrow(/whole batch must be retried/);
  });
});

describe('DOMAIN.md rule 6: a limit is keyed by (user, userLimitId)', () => {
  it("a progress or reset under user B for a limit that exists only under user A is orphaned and leaves A's limit alone", async () => {
    const { handler, lastOutcomes, store } = harness();
    await handler({
      Records: [
        recordOf(created(1, {}, 'user-a'), 'user-a'),
        recordOf(progressChanged(1, '0', '5', {}, 'user-b'), 'user-b'),
        recordOf(reset(2, {}, 'user-b'), 'user-b'),
      ],
    });
    expect(lastOutcomes()).toEqual(['applied', 'orphaned', 'orphaned']);
    expect(await getLimit(store, 'limit-1', 'user-a')).toMatchObject({ userId: 'user-a', progress: '0' });
    expect(await getLimit(store, 'limit-1', 'user-b')).toBeUndefined();
  });

  it("a CREATED under another user creates that user's own limit; it cannot move a limit between users", async () => {
    const { handler, store } = harness();
    await handler({
      Records: [
        recordOf(created(1, {}, 'user-a'), 'user-a'),
        recordOf(progressChanged(2, '0', '7', {}, 'user-a'), 'user-a'),
        recordOf(created(1, { value: '5' }, 'user-b'), 'user-b'),
      ],
    });
    expect(await getLimit(store, 'limit-1', 'user-a')).toMatchObject({ userId: 'user-a', value: '10000', progress: '7' });
    expect(await getLimit(store, 'limit-1', 'user-b')).toMatchObject({ userId: 'user-b', value: '5', progress: '0' });
  });
});
