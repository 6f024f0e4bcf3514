import { countDistinctItems, countNaiveRequests } from '../../tools/bench/store-naive-requests';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { created, progressChanged, reset } from '../core/helpers/events';

const records = (events: object[], first = 0) =>
  events.map((data, index) =>
    toKinesisRecord(Buffer.from(JSON.stringify(data)), {
      partitionKey: 'p',
      sequenceNumber: syntheticSequenceNumber(first + index),
      approximateArrivalTimestamp: 1,
    }),
  );

describe('requests of the per-record seam, counted', () => {
  const warmUp = records([created(1, { userLimitId: 'a' })]);
  const batch = records(
    [
      progressChanged(2, '0', '5', { userLimitId: 'a' }), // applied: 4
      progressChanged(2, '0', '5', { userLimitId: 'a' }), // duplicate: getWatermark only
      reset(3, { userLimitId: 'nowhere' }), // orphaned: getWatermark, get, setWatermark
      created(1, { userLimitId: 'b' }, 'user-2'), // applied: 4
      { ...created(4), type: 'LIMIT_USER_CREATED' }, // ignored: none
      reset(5, { userLimitId: undefined }), // rejected (no userLimitId): none
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
