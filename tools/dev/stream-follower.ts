import { setTimeout as delay } from 'node:timers/promises';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type GetShardIteratorCommandInput } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import { callKinesis, type KinesisConnection } from '../kinesis/client';
import { errorFields } from '../kinesis/errors';
import { toLambdaRecord } from '../kinesis/poller';

export interface FollowOptions {
  streamName: string;
  /** Put in every record's eventSourceARN, as Lambda does. */
  streamArn: string;
  /** Receives each shard's records in order; that shard's next read waits for it. */
  deliver: (shardId: string, records: KinesisStreamRecord[]) => Promise<void>;
  /** Pause after an empty read at the tip. Default 200 ms. */
  idleMs?: number;
  /** Pause after a failed read before trying again. Default 1000 ms. */
  retryMs?: number;
  /** Most records per GetRecords call. Default 1000. */
  limit?: number;
  /** Told about a failed read or delivery (which is then retried). */
  onError: (line: string) => void;
}

/** A running follower. */
export interface StreamFollower {
  /** Stops reading; resolves once every shard's current delivery has finished. */
  stop(): Promise<void>;
}

/**
 * Reads every shard of the stream from TRIM_HORIZON and keeps reading at the
 * tip, like Lambda's event source mapping: shards in parallel, each strictly
 * in order. A failed read or delivery is retried from the last record
 * delivered, so nothing is skipped (a record may be delivered again, which
 * the handler counts as a duplicate).
 */
export const followStream = async (connection: KinesisConnection, options: FollowOptions): Promise<StreamFollower> => {
  const stopping = new AbortController();
  const { signal } = stopping;
  const sleep = (ms: number) => delay(ms, undefined, { signal }).catch(() => undefined);
  const { Shards: shards = [] } = await callKinesis(connection, 'ListShards', (client) =>
    client.send(new ListShardsCommand({ StreamName: options.streamName })),
  );

  const followShard = async (shardId: string): Promise<void> => {
    let lastSequenceNumber: string | undefined;
    let iterator: string | undefined;
    while (!signal.aborted) {
      try {
        if (iterator === undefined) {
          const start: GetShardIteratorCommandInput =
            lastSequenceNumber === undefined
              ? { StreamName: options.streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }
              : {
                  StreamName: options.streamName,
                  ShardId: shardId,
                  ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
                  StartingSequenceNumber: lastSequenceNumber,
                };
          ({ ShardIterator: iterator } = await callKinesis(connection, 'GetShardIterator', (client) =>
            client.send(new GetShardIteratorCommand(start)),
          ));
          if (iterator === undefined) return; // a closed shard read to its end
        }
        const current: string = iterator;
        const page = await callKinesis(connection, 'GetRecords', (client) =>
          client.send(new GetRecordsCommand({ ShardIterator: current, Limit: options.limit ?? 1000 })),
        );
        const records = (page.Records ?? []).map((record) => toLambdaRecord(record, shardId, options.streamArn));
        if (records.length > 0) {
          await options.deliver(shardId, records);
          lastSequenceNumber = records[records.length - 1]!.kinesis.sequenceNumber;
        }
        iterator = page.NextShardIterator;
        if (iterator === undefined) return;
        if (records.length === 0) await sleep(options.idleMs ?? 200);
      } catch (error) {
        if (signal.aborted) return;
        options.onError(`${shardId}: ${errorFields(error).message.split('\n')[0]}; retrying`);
        iterator = undefined; // start again after the last record delivered
        await sleep(options.retryMs ?? 1000);
      }
    }
  };

  const running = shards.map((shard) => followShard(shard.ShardId ?? ''));
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(running);
    },
  };
};
