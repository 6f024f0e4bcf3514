import type { KinesisStreamRecord } from 'aws-lambda';
import { followStream } from '../../tools/dev/stream-follower';
import { createKinesisClient } from '../../tools/kinesis/client';
import { startKinesalite } from '../../tools/kinesis/kinesalite-server';
import { produceRecords } from '../../tools/kinesis/producer';
import { createStream } from '../../tools/kinesis/stream-admin';

const waitUntil = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('following a stream at its tip', () => {
  it('delivers records put before and after it reached the tip, in order, retrying a failed delivery without skipping', async () => {
    const kinesalite = await startKinesalite({ createStreamMs: 10 });
    const client = createKinesisClient({ endpoint: kinesalite.endpoint });
    const connection = { client, endpoint: kinesalite.endpoint };
    const put = (from: number, to: number) =>
      produceRecords(
        connection,
        Array.from({ length: to - from }, (_, index) => ({ partitionKey: 'user-1', data: Buffer.from(String(from + index)) })),
        { streamName: 'follow' },
      );
    try {
      const stream = await createStream(connection, 'follow', 2);
      await put(0, 3);
      const delivered: string[] = [];
      const errors: string[] = [];
      let failOnce = true;
      const follower = await followStream(connection, {
        streamName: 'follow',
        streamArn: stream.streamArn,
        idleMs: 20,
        retryMs: 20,
        onError: (line) => errors.push(line),
        deliver: async (_shardId, records: KinesisStreamRecord[]) => {
          const values = records.map((record) => Buffer.from(record.kinesis.data, 'base64').toString());
          if (values.includes('4') && failOnce) {
            failOnce = false;
            throw new Error('store unavailable');
          }
          delivered.push(...values);
        },
      });
      await waitUntil(() => delivered.length === 3, 5_000);
      await put(3, 6); // after the tip: a follower keeps reading
      await waitUntil(() => delivered.length === 6, 5_000);
      await follower.stop();
      expect(delivered).toEqual(['0', '1', '2', '3', '4', '5']);
      expect(errors).toEqual([expect.stringMatching(/^shardId-\d+: store unavailable; retrying$/)]);
    } finally {
      client.destroy();
      await kinesalite.stop();
    }
  });
});
