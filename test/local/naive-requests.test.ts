import { countDistinctItems, countNaiveRequests } from '../../tools/bench/store-naive-requests';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';

const event = (sequenceNumber: number, type: string, payload: Record<string, unknown>, aggregateId = 'user-1') => ({
  eventId: `e${sequenceNumber}-${aggregateId}`,
  type,
  aggregateId,
  sequenceNumber,
  createdAt: 1_647_946_090_000,
  payload,
  source: 'limitUser',
  context: {},
});
const created = (userLimitId: string, userId = 'user-1') => ({
  userId,
  userLimitId,
  brandId: 'b',
  currencyCode: 'SEK',
  type: 'LOSS',
  period: 'WEEK',
  status: 'ACTIVE',
  value: '100',
  activeFrom: 1,
});
const records = (events: object[], first = 0) =>
  events.map((data, index) =>
    toKinesisRecord(Buffer.from(JSON.stringify(data)), {
      partitionKey: 'p',
      sequenceNumber: syntheticSequenceNumber(first + index),
      approximateArrivalTimestamp: 1,
    }),
  );

describe('requests of the per-record seam, counted', () => {
  const warmUp = records([event(1, 'USER_LIMIT_CREATED', created('a'))]);
  const batch = records(
    [
      event(2, 'USER_LIMIT_PROGRESS_CHANGED', { userLimitId: 'a', amount: '5', previousProgress: '0' }), // applied: 4
      event(2, 'USER_LIMIT_PROGRESS_CHANGED', { userLimitId: 'a', amount: '5', previousProgress: '0' }), // duplicate: getWatermark only
      event(3, 'USER_LIMIT_RESET', { userLimitId: 'nowhere' }), // orphaned: getWatermark, get, setWatermark
      event(1, 'USER_LIMIT_CREATED', created('b', 'user-2'), 'user-2'), // applied: 4
      event(4, 'LIMIT_USER_CREATED', {}), // ignored: none
      event(5, 'USER_LIMIT_RESET', {}), // rejected: none
    ],
    1,
  );

  it('one request per store call: getWatermark, get, put, setWatermark per record as the old code made them', async () => {
    expect(await countNaiveRequests(warmUp, batch)).toBe(4 + 1 + 3 + 4);
  });

  it('distinct items: every valid event’s limit item and its user’s watermark item, once each', () => {
    // user-1: limit a, limit nowhere, watermark; user-2: limit b, watermark.
    expect(countDistinctItems(batch)).toBe(5);
  });
});
