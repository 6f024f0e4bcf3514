import {
  InternalFailureException,
  type KinesisClient,
  ProvisionedThroughputExceededException,
  PutRecordsCommand,
  type PutRecordsCommandOutput,
} from '@aws-sdk/client-kinesis';
import { KinesisToolError } from '../../tools/kinesis/errors';
import { produceRecords, toPutBatches } from '../../tools/kinesis/producer';
import type { WorkloadRecord } from '../../tools/workload';

const record = (partitionKey: string, text: string): WorkloadRecord => ({ partitionKey, data: Buffer.from(text, 'utf8') });

const throttle = () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded for shard shardId-000000000000', $metadata: {} });

type Answer = PutRecordsCommandOutput | Error;

/** A Kinesis client that answers PutRecords from a script and remembers what it was sent. */
const scriptedClient = (answers: Array<Answer | ((entries: number) => Answer)>) => {
  const sent: string[][] = [];
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof PutRecordsCommand)) throw new Error('unexpected command');
      const entries = command.input.Records ?? [];
      sent.push(entries.map((entry) => Buffer.from(entry.Data!).toString('utf8')));
      const scripted = answers.shift();
      const answer = typeof scripted === 'function' ? scripted(entries.length) : scripted;
      if (answer === undefined) throw new Error('script exhausted');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as KinesisClient;
  return { client, sent };
};

const accepted = (count: number, first = 0): PutRecordsCommandOutput => ({
  $metadata: {},
  FailedRecordCount: 0,
  Records: Array.from({ length: count }, (_, index) => ({ ShardId: 'shardId-000000000000', SequenceNumber: String(1000 + first + index) })),
});

const noWait = () => {
  const delays: number[] = [];
  return { delays, backoff: { sleep: async (ms: number) => void delays.push(ms), random: () => 1, baseDelayMs: 100 } };
};

describe('produceRecords', () => {
  it('retries a whole PutRecords call throttled twice, backing off exponentially, and counts the throttles', async () => {
    const { client, sent } = scriptedClient([throttle(), throttle(), accepted(2)]);
    const { delays, backoff } = noWait();
    const result = await produceRecords({ client, endpoint: 'http://fake', backoff }, [record('u1', 'a'), record('u2', 'b')], {
      streamName: 'events',
    });
    expect(result).toMatchObject({ records: 2, requests: 3, throttles: 2, retriedRecords: 0 });
    expect(delays).toEqual([100, 200]);
    expect(sent).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    expect(result.placements.map((placement) => placement.sequenceNumber)).toEqual(['1000', '1001']);
  });

  it('sends again only the records the API reported as failed, and places every record', async () => {
    const partial: PutRecordsCommandOutput = {
      $metadata: {},
      FailedRecordCount: 1,
      Records: [
        { ShardId: 'shardId-000000000000', SequenceNumber: '1' },
        { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded' },
        { ShardId: 'shardId-000000000001', SequenceNumber: '2' },
      ],
    };
    const { client, sent } = scriptedClient([partial, { $metadata: {}, FailedRecordCount: 0, Records: [{ ShardId: 'shardId-000000000000', SequenceNumber: '3' }] }]);
    const { delays, backoff } = noWait();
    const result = await produceRecords(
      { client, endpoint: 'http://fake', backoff },
      [record('u1', 'a'), record('u1', 'b'), record('u2', 'c')],
      { streamName: 'events' },
    );
    expect(sent).toEqual([['a', 'b', 'c'], ['b']]);
    expect(result).toMatchObject({ records: 3, requests: 2, retriedRecords: 1, throttles: 1 });
    expect(delays).toHaveLength(1);
    expect(result.placements.map((placement) => placement.sequenceNumber)).toEqual(['1', '3', '2']);
  });

  it('gives up with one clear line when throttling does not stop', async () => {
    const { client } = scriptedClient(Array.from({ length: 5 }, throttle));
    const { backoff } = noWait();
    await expect(
      produceRecords({ client, endpoint: 'http://fake', backoff: { ...backoff, maxAttempts: 3 } }, [record('u1', 'a')], { streamName: 'events' }),
    ).rejects.toThrow(new KinesisToolError('PutRecords still throttled (ProvisionedThroughputExceededException) after 3 attempts; lower the rate or add shards'));
  });

  it('reports a Kinesis error as one line naming the operation and the endpoint', async () => {
    const { client } = scriptedClient([new InternalFailureException({ message: 'Internal service failure.', $metadata: {} })]);
    await expect(produceRecords({ client, endpoint: 'http://fake:1', backoff: noWait().backoff }, [record('u1', 'a')], { streamName: 'events' })).rejects.toThrow(
      'PutRecords failed at http://fake:1: InternalFailureException: Internal service failure.',
    );
  });

  it('puts batches one after another, at most 500 records each, in input order', async () => {
    const records = Array.from({ length: 1_200 }, (_, index) => record(`u${index % 7}`, String(index)));
    const { client, sent } = scriptedClient([(n) => accepted(n), (n) => accepted(n, 500), (n) => accepted(n, 1000)]);
    const result = await produceRecords({ client, endpoint: 'http://fake' }, records, { streamName: 'events' });
    expect(sent.map((batch) => batch.length)).toEqual([500, 500, 200]);
    expect(sent.flat()).toEqual(records.map((entry) => entry.data.toString('utf8')));
    expect(result.placements.map((placement) => Number(placement.sequenceNumber))).toEqual(records.map((_, index) => 1000 + index));
  });

  it('rejects a batch size above the PutRecords limit', async () => {
    const { client } = scriptedClient([]);
    await expect(produceRecords({ client, endpoint: 'http://fake' }, [record('u1', 'a')], { streamName: 'events', batchSize: 501 })).rejects.toThrow(
      'batch size must be an integer from 1 to 500, got 501',
    );
  });
});

describe('toPutBatches', () => {
  it('also closes a batch before it would pass 5 MiB', () => {
    const big = Array.from({ length: 12 }, (_, index) => ({ partitionKey: `u${index}`, data: Buffer.alloc(1000 * 1024) }));
    expect(toPutBatches(big).map((batch) => batch.length)).toEqual([5, 5, 2]);
  });

  it('refuses a record over 1 MiB with its position', () => {
    expect(() => toPutBatches([record('u', 'a'), { partitionKey: 'u', data: Buffer.alloc(1024 * 1024) }])).toThrow(
      'record 2 is 1048577 bytes; Kinesis takes at most 1 MiB per record',
    );
  });
});
