import { getLimit, getWatermark } from '../support/store-reads';
import type { KinesisStreamRecord } from 'aws-lambda';
import { created, progressChanged, reset } from './helpers/events';
import { harness, recordOf, recordWithRawData } from './helpers/harness';

const envelopeWith = (changes: Record<string, unknown>) => ({ ...created(1), ...changes });
const without = (field: string) => {
  const event: Record<string, unknown> = { ...created(1) };
  delete event[field];
  return event;
};
const createdPayload = (changes: Record<string, unknown>) => created(1, changes);

/** [kind, record, the reason must contain]. */
const BAD_INPUT: Array<[string, () => KinesisStreamRecord, string]> = [
  ['empty data', () => recordWithRawData(''), 'data: empty'],
  ['not base64', () => recordWithRawData('!!!notbase64***'), 'base64'],
  ['not UTF-8', () => recordOf(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])), 'UTF-8'],
  ['not JSON', () => recordOf('{"eventId": '), 'not JSON'],
  ['JSON array', () => recordOf('[{"eventId":"x"}]'), 'array'],
  ['JSON null', () => recordOf('null'), 'null'],
  ['JSON string', () => recordOf('"USER_LIMIT_CREATED"'), 'string'],
  ['JSON number', () => recordOf('42'), 'number'],
  ['missing eventId', () => recordOf(without('eventId')), 'envelope.eventId: is required'],
  ['empty type', () => recordOf(envelopeWith({ type: '' })), 'envelope.type'],
  ['missing aggregateId', () => recordOf(without('aggregateId')), 'envelope.aggregateId'],
  ['sequenceNumber as a string', () => recordOf(envelopeWith({ sequenceNumber: '3' })), 'envelope.sequenceNumber'],
  ['negative sequenceNumber', () => recordOf(envelopeWith({ sequenceNumber: -1 })), 'envelope.sequenceNumber'],
  ['fractional sequenceNumber', () => recordOf(envelopeWith({ sequenceNumber: 1.5 })), 'envelope.sequenceNumber'],
  ['createdAt as a string', () => recordOf(envelopeWith({ createdAt: '2022-03-22' })), 'envelope.createdAt'],
  ['payload null', () => recordOf(envelopeWith({ payload: null })), 'envelope.payload'],
  ['payload array', () => recordOf(envelopeWith({ payload: [] })), 'envelope.payload'],
  ['amount as a number 200', () => recordOf(progressChanged(2, '0', 200 as unknown as string)), 'payload.amount'],
  ['amount "1e5"', () => recordOf(progressChanged(2, '0', '1e5')), 'payload.amount'],
  ['amount "-3"', () => recordOf(progressChanged(2, '0', '-3')), 'payload.amount'],
  ['amount " 1"', () => recordOf(progressChanged(2, '0', ' 1')), 'payload.amount'],
  [
    'previousProgress missing',
    () => recordOf(progressChanged(2, undefined as unknown as string, '1')),
    'payload.previousProgress: is required',
  ],
  ['value "10,000"', () => recordOf(createdPayload({ value: '10,000' })), 'payload.value'],
  ['unknown limit type', () => recordOf(createdPayload({ type: 'WAGER' })), 'payload.type'],
  ['unknown period', () => recordOf(createdPayload({ period: 'YEAR' })), 'payload.period'],
  ['unknown status', () => recordOf(createdPayload({ status: 'active' })), 'payload.status'],
  ['activeFrom as a string', () => recordOf(createdPayload({ activeFrom: '1647946090592' })), 'payload.activeFrom'],
  ['nextResetTime null', () => recordOf(reset(2, { nextResetTime: null })), 'payload.nextResetTime'],
  ['userLimitId empty', () => recordOf(reset(2, { userLimitId: '' })), 'payload.userLimitId'],
  [
    'sequenceNumber 2^53 (cannot be compared exactly)',
    () => recordOf({ ...created(1), sequenceNumber: 2 ** 53 }),
    'envelope.sequenceNumber: must be at most 2^53 − 1 (9007199254740991): a larger number cannot be compared exactly',
  ],
  [
    'CREATED whose payload.userId is another user',
    () => recordOf(created(1, { userId: 'user-2' })),
    "payload.userId: must equal the envelope's aggregateId",
  ],
  [
    'PROGRESS_CHANGED whose payload.userId is another user',
    () => recordOf(progressChanged(2, '0', '1', { userId: 'user-2' })),
    'payload.userId',
  ],
  ['RESET whose payload.userId is not a string', () => recordOf(reset(2, { userId: 42 })), 'payload.userId'],
];

describe('bad input is rejected with a reason naming the problem', () => {
  it.each(BAD_INPUT)('%s', async (_kind, makeRecord, reasonPart) => {
    const { handler, lines, lastOutcomes, store } = harness();
    const record = makeRecord();
    const response = await handler({ Records: [record] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(lastOutcomes()).toEqual(['rejected']);
    const errors = lines.filter((line) => line.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'Record rejected',
      kinesisSequenceNumber: record.kinesis.sequenceNumber,
      partitionKey: record.kinesis.partitionKey,
      dataLength: record.kinesis.data.length,
    });
    // Powertools drops empty attributes, so empty data has no `data` key.
    expect(errors[0]!.data ?? '').toBe(record.kinesis.data);
    expect(errors[0]!.reason).toEqual(expect.stringContaining(reasonPart));
    expect(await getWatermark(store, 'user-1')).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('covers at least 15 kinds', () => {
    expect(BAD_INPUT.length).toBeGreaterThanOrEqual(15);
  });

  it('does not block the records after a bad one', async () => {
    const { handler, store, lastOutcomes } = harness();
    await handler({ Records: [recordOf(created(1)), recordOf('garbage'), recordOf(progressChanged(2, '0', '5'))] });
    expect(lastOutcomes()).toEqual(['applied', 'rejected', 'applied']);
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('5');
  });

  it('cuts raw data at 64 KiB in the ERROR line and says so', async () => {
    const { handler, lines } = harness();
    const big = recordOf(`{"pad":"${'x'.repeat(100_000)}"`);
    await handler({ Records: [big] });
    const [error] = lines.filter((line) => line.level === 'ERROR');
    expect(error).toMatchObject({ dataTruncated: true, dataLength: big.kinesis.data.length });
    expect(error!.data).toBe(big.kinesis.data.slice(0, 64 * 1024));
  });

  it('survives records without a kinesis section', async () => {
    const { handler, lastOutcomes } = harness();
    const response = await handler({ Records: [{} as KinesisStreamRecord] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(lastOutcomes()).toEqual(['rejected']);
  });
});
