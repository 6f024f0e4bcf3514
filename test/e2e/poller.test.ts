import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-kinesis';
import { pollStream } from '../../tools/kinesis/poller';

const ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/events';

/**
 * A fake stream: a closed parent shard split into two children, pages of
 * records per shard; GetRecords is throttled once on the first child.
 */
const fakeStream = () => {
  const pages: Record<string, Array<Array<{ seq: string; key: string }>>> = {
    'shardId-000000000000': [[{ seq: '1', key: 'u1' }], [{ seq: '2', key: 'u1' }]],
    'shardId-000000000001': [[{ seq: '3', key: 'u1' }], []],
    'shardId-000000000002': [[{ seq: '4', key: 'u2' }], []],
  };
  let throttledOnce = false;
  const calls: string[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof ListShardsCommand) {
        if (command.input.NextToken === undefined) {
          return { Shards: [{ ShardId: 'shardId-000000000000' }], NextToken: 'page-2' };
        }
        return {
          Shards: [
            { ShardId: 'shardId-000000000001', ParentShardId: 'shardId-000000000000' },
            { ShardId: 'shardId-000000000002', ParentShardId: 'shardId-000000000000' },
          ],
        };
      }
      if (command instanceof GetShardIteratorCommand) {
        expect(command.input.ShardIteratorType).toBe('TRIM_HORIZON');
        return { ShardIterator: `${command.input.ShardId}#0` };
      }
      if (command instanceof GetRecordsCommand) {
        const [shardId, page] = command.input.ShardIterator!.split('#') as [string, string];
        calls.push(`${shardId}#${page}`);
        if (shardId === 'shardId-000000000001' && !throttledOnce) {
          throttledOnce = true;
          throw new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });
        }
        const shardPages = pages[shardId]!;
        const index = Number(page);
        const closedAtEnd = shardId === 'shardId-000000000000' && index === shardPages.length - 1;
        return {
          Records: shardPages[index]!.map(({ seq, key }) => ({
            SequenceNumber: seq,
            PartitionKey: key,
            Data: Buffer.from(`record-${seq}`),
            ApproximateArrivalTimestamp: new Date(1_700_000_000_500),
          })),
          // The parent is closed after its last page; children are open and at the tip when empty.
          NextShardIterator: closedAtEnd ? undefined : `${shardId}#${index + 1}`,
          MillisBehindLatest: 0,
        };
      }
      throw new Error('unexpected command');
    },
  } as unknown as KinesisClient;
  return { client, calls };
};

describe('pollStream', () => {
  it('drains every shard, parents before children, retrying a throttled GetRecords', async () => {
    const { client } = fakeStream();
    const delivered: Array<{ shardId: string; seq: string; data: string }> = [];
    const result = await pollStream(
      { client, endpoint: 'http://fake', backoff: { sleep: async () => undefined } },
      {
        streamName: 'events',
        streamArn: ARN,
        deliver: async (shardId, records) => {
          for (const record of records) {
            delivered.push({ shardId, seq: record.kinesis.sequenceNumber, data: Buffer.from(record.kinesis.data, 'base64').toString() });
          }
        },
      },
    );
    expect(delivered.slice(0, 2)).toEqual([
      { shardId: 'shardId-000000000000', seq: '1', data: 'record-1' },
      { shardId: 'shardId-000000000000', seq: '2', data: 'record-2' },
    ]);
    expect(
      delivered
        .slice(2)
        .map((entry) => entry.seq)
        .sort(),
    ).toEqual(['3', '4']);
    expect(result).toEqual({
      recordsPerShard: { 'shardId-000000000000': 2, 'shardId-000000000001': 1, 'shardId-000000000002': 1 },
      getRecordsCalls: 7,
      throttles: 1,
    });
  });

  it('builds Lambda records from what GetRecords returned', async () => {
    const { client } = fakeStream();
    const records: unknown[] = [];
    await pollStream(
      { client, endpoint: 'http://fake', backoff: { sleep: async () => undefined } },
      { streamName: 'events', streamArn: ARN, deliver: async (_shardId, page) => void records.push(...page) },
    );
    expect(records[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'u1',
        sequenceNumber: '1',
        data: Buffer.from('record-1').toString('base64'),
        approximateArrivalTimestamp: 1_700_000_000.5,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000000:1',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: expect.any(String),
      awsRegion: 'eu-west-1',
      eventSourceARN: ARN,
    });
  });
});
