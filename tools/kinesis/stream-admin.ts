import { setTimeout as delay } from 'node:timers/promises';
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { callKinesis, type KinesisConnection } from './client';
import { KinesisToolError } from './errors';

/** What the tools need to know about a stream once it is ACTIVE. */
export interface ActiveStream {
  streamName: string;
  streamArn: string;
  /** Open shards. */
  shards: number;
}

export interface WaitOptions {
  /** Give up after this long. Default 30000 ms. */
  timeoutMs?: number;
  /** Time between DescribeStreamSummary calls. Default 100 ms. */
  pollMs?: number;
}

/** Creates a provisioned stream with `shards` shards and waits until it is ACTIVE. */
export const createStream = async (
  connection: KinesisConnection,
  streamName: string,
  shards: number,
  options: WaitOptions = {},
): Promise<ActiveStream> => {
  await callKinesis(connection, 'CreateStream', (client) =>
    client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards })),
  );
  return waitForActive(connection, streamName, options);
};

/**
 * Polls DescribeStreamSummary until the stream is ACTIVE; a stream still
 * CREATING (or UPDATING…) after the timeout is a one-line error.
 */
export const waitForActive = async (
  connection: KinesisConnection,
  streamName: string,
  options: WaitOptions = {},
): Promise<ActiveStream> => {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { StreamDescriptionSummary: summary } = await callKinesis(connection, 'DescribeStreamSummary', (client) =>
      client.send(new DescribeStreamSummaryCommand({ StreamName: streamName })),
    );
    if (summary?.StreamStatus === 'ACTIVE') {
      return { streamName, streamArn: summary.StreamARN ?? '', shards: summary.OpenShardCount ?? 0 };
    }
    if (Date.now() >= deadline) {
      throw new KinesisToolError(
        `stream ${streamName} is not ACTIVE after ${timeoutMs} ms (status ${summary?.StreamStatus ?? 'unknown'}) at ${connection.endpoint}`,
      );
    }
    await delay(options.pollMs ?? 100);
  }
};
