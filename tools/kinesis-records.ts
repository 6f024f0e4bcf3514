import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

export const DEFAULT_SHARD_ID = 'shardId-000000000000';
export const DEFAULT_STREAM_ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/user-limit-events';
const INVOKE_ROLE_ARN = 'arn:aws:iam::123456789012:role/user-limits-processor-role';

/** Where a record sits in the stream, as Lambda reports it. */
export interface RecordPosition {
  partitionKey: string;
  sequenceNumber: string;
  /** Seconds since the epoch, with milliseconds, as Kinesis reports it. */
  approximateArrivalTimestamp: number;
  shardId?: string;
  streamArn?: string;
}

/** A record exactly as the Lambda Kinesis event source mapping delivers it. */
export const toKinesisRecord = (data: Buffer, position: RecordPosition): KinesisStreamRecord => {
  const shardId = position.shardId ?? DEFAULT_SHARD_ID;
  const streamArn = position.streamArn ?? DEFAULT_STREAM_ARN;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: position.partitionKey,
      sequenceNumber: position.sequenceNumber,
      data: data.toString('base64'),
      approximateArrivalTimestamp: position.approximateArrivalTimestamp,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${position.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: INVOKE_ROLE_ARN,
    awsRegion: streamArn.split(':')[3] ?? 'eu-west-1',
    eventSourceARN: streamArn,
  };
};

/** Kinesis-like sequence numbers: 56 digits, increasing with `index`. */
export const syntheticSequenceNumber = (index: number): string => `4965${String(index).padStart(52, '0')}`;

const fieldOf = (event: unknown, key: string): unknown =>
  typeof event === 'object' && event !== null && !Array.isArray(event) ? (event as Record<string, unknown>)[key] : undefined;

/**
 * Wraps domain events as one shard's records: partition key = aggregateId,
 * increasing sequence numbers, arrival time = the event's createdAt when it
 * has one. `rawData` lets a caller keep the producer's exact bytes.
 */
export const wrapDomainEvents = (
  events: readonly unknown[],
  options: { firstIndex?: number; rawData?: readonly Buffer[] } = {},
): KinesisStreamRecord[] =>
  events.map((event, offset) => {
    const aggregateId = fieldOf(event, 'aggregateId');
    const createdAt = fieldOf(event, 'createdAt');
    return toKinesisRecord(options.rawData?.[offset] ?? Buffer.from(JSON.stringify(event) ?? 'null', 'utf8'), {
      partitionKey: typeof aggregateId === 'string' && aggregateId.length > 0 ? aggregateId.slice(0, 256) : 'unknown',
      sequenceNumber: syntheticSequenceNumber((options.firstIndex ?? 0) + offset),
      approximateArrivalTimestamp: typeof createdAt === 'number' ? createdAt / 1000 : 1_700_000_000,
    });
  });

export const toKinesisEvent = (records: KinesisStreamRecord[]): KinesisStreamEvent => ({ Records: records });
