import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type _Record as KinesisApiRecord,
  type Shard,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import { toKinesisRecord } from '../kinesis-records';
import { callKinesis, countingThrottles, type KinesisConnection } from './client';

export interface PollOptions {
  streamName: string;
  /** Put in every record's eventSourceARN, as Lambda does. */
  streamArn: string;
  /** Most records per GetRecords call (Kinesis allows 10,000). Default 1000. */
  limit?: number;
  /** Receives each shard's records in order; the next page is read once it resolves. */
  deliver: (shardId: string, records: KinesisStreamRecord[]) => Promise<void>;
}

export interface PollResult {
  /** Records read per shard id, in ListShards order. */
  recordsPerShard: Record<string, number>;
  /** GetRecords calls, throttled ones included. */
  getRecordsCalls: number;
  throttles: number;
}

/** A record as Lambda's event source mapping would deliver what GetRecords returned. */
export const toLambdaRecord = (record: KinesisApiRecord, shardId: string, streamArn: string): KinesisStreamRecord =>
  toKinesisRecord(Buffer.from(record.Data ?? new Uint8Array()), {
    partitionKey: record.PartitionKey ?? '',
    sequenceNumber: record.SequenceNumber ?? '',
    approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
    shardId,
    streamArn,
  });

const listShards = async (connection: KinesisConnection, streamName: string): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callKinesis(connection, 'ListShards', (client) =>
      client.send(new ListShardsCommand(token === undefined ? { StreamName: streamName } : { NextToken: token })),
    );
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return shards;
};

/**
 * Reads every shard from TRIM_HORIZON until it is drained (an empty page at
 * the tip, or the end of a closed shard), like one Lambda event source
 * mapping over the stream: shards in parallel, each strictly in order, a
 * child shard only after its parents.
 */
export const pollStream = async (connection: KinesisConnection, options: PollOptions): Promise<PollResult> => {
  const counted = countingThrottles(connection);
  const shards = await listShards(counted.connection, options.streamName);
  const recordsPerShard: Record<string, number> = Object.fromEntries(shards.map((shard) => [shard.ShardId ?? '', 0]));
  let getRecordsCalls = 0;

  const drainShard = async (shardId: string): Promise<void> => {
    const { ShardIterator: first } = await callKinesis(counted.connection, 'GetShardIterator', (client) =>
      client.send(new GetShardIteratorCommand({ StreamName: options.streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })),
    );
    let iterator = first;
    while (iterator !== undefined) {
      const current = iterator;
      const page = await callKinesis(counted.connection, 'GetRecords', (client) => {
        getRecordsCalls += 1; // each try, throttled ones included
        return client.send(new GetRecordsCommand({ ShardIterator: current, Limit: options.limit ?? 1000 }));
      });
      const records = (page.Records ?? []).map((record) => toLambdaRecord(record, shardId, options.streamArn));
      recordsPerShard[shardId] = (recordsPerShard[shardId] ?? 0) + records.length;
      if (records.length > 0) await options.deliver(shardId, records);
      const atTip = records.length === 0 && (page.MillisBehindLatest ?? 0) === 0;
      iterator = atTip ? undefined : page.NextShardIterator;
    }
  };

  const done = new Map<string, Promise<void>>();
  const start = (shard: Shard): Promise<void> => {
    const shardId = shard.ShardId ?? '';
    let task = done.get(shardId);
    if (task === undefined) {
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId]
        .map((id) => shards.find((candidate) => candidate.ShardId === id))
        .filter((parent): parent is Shard => parent !== undefined);
      task = Promise.all(parents.map(start)).then(() => drainShard(shardId));
      done.set(shardId, task);
    }
    return task;
  };
  await Promise.all(shards.map(start));
  return { recordsPerShard, getRecordsCalls, throttles: counted.throttles() };
};
