import { readFileSync } from 'node:fs';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { syntheticSequenceNumber, toKinesisEvent, toKinesisRecord, wrapDomainEvents } from './kinesis-records';
import { RECORDED_STREAM_PATH } from './recorded-stream';

const kebab = (type: string): string => type.toLowerCase().replace(/_/g, '-');

/** Poison pills: each a record whose data must end `rejected` without blocking the shard. */
const POISON_DATA: Array<[string, Buffer]> = [
  ['not JSON', Buffer.from('this is not json', 'utf8')],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['JSON array', Buffer.from('[1,2,3]', 'utf8')],
  ['JSON null', Buffer.from('null', 'utf8')],
  [
    'amount as a number',
    Buffer.from(
      '{"eventId":"poison-1","type":"USER_LIMIT_PROGRESS_CHANGED","aggregateId":"poison-user","sequenceNumber":1,"createdAt":1647946090000,"payload":{"userLimitId":"poison-limit","amount":200,"previousProgress":"0"},"source":"limitUser","context":{}}',
      'utf8',
    ),
  ],
  [
    'sequence number beyond 2^53 − 1',
    Buffer.from(
      '{"eventId":"poison-2","type":"USER_LIMIT_RESET","aggregateId":"poison-user","sequenceNumber":9007199254740993,"createdAt":1647946090000,"payload":{"userLimitId":"poison-limit"},"source":"limitUser","context":{}}',
      'utf8',
    ),
  ],
];

/**
 * Every sample event, by file name: one per event type of the recorded stream
 * (its first occurrence, same sequence number as in the whole-stream batch),
 * the whole stream as one batch, and good records mixed with poison pills.
 */
export const buildSampleEvents = (): Map<string, KinesisStreamEvent> => {
  const stream = JSON.parse(readFileSync(RECORDED_STREAM_PATH, 'utf8')) as Array<{ type: string }>;
  const records = wrapDomainEvents(stream);
  const samples = new Map<string, KinesisStreamEvent>();
  stream.forEach((event, index) => {
    const name = `${kebab(event.type)}.json`;
    if (!samples.has(name)) samples.set(name, toKinesisEvent([records[index]!]));
  });
  samples.set('recorded-stream.json', toKinesisEvent(records));
  // Good records (CREATED ×3, first PROGRESS_CHANGED) interleaved with poison pills, numbered in
  // delivery order like one shard: sequence numbers only go up.
  const good = stream.slice(2, 6).map((event) => Buffer.from(JSON.stringify(event), 'utf8'));
  const poison = POISON_DATA.map(([, data]) => data);
  const mixedData = [good[0]!, poison[0]!, poison[1]!, good[1]!, poison[2]!, poison[3]!, good[2]!, poison[4]!, poison[5]!, good[3]!];
  const mixed: KinesisStreamRecord[] = mixedData.map((data, offset) =>
    toKinesisRecord(data, {
      partitionKey: 'VijPYTEOgK7dxLs5fBjJ',
      sequenceNumber: syntheticSequenceNumber(records.length + offset),
      approximateArrivalTimestamp: 1647946090.5 + offset / 1000,
    }),
  );
  samples.set('poison-pills.json', toKinesisEvent(mixed));
  return samples;
};

/** How a sample file is written: stable, two-space JSON with a final newline. */
export const serializeSample = (event: KinesisStreamEvent): string => `${JSON.stringify(event, null, 2)}\n`;
