import {
  InternalFailureException,
  type KinesisClient,
  ProvisionedThroughputExceededException,
  PutRecordsCommand,
  type PutRecordsCommandOutput,
} from '@aws-sdk/client-kinesis';
import { KinesisToolError } from '../../tools/kinesis/errors';
import { nextPutRequest, produceRecords, queueByPartitionKey } from '../../tools/kinesis/producer';
import type { WorkloadRecord } from '../../tools/workload';

const record = (partitionKey: string, text: string): WorkloadRecord => ({ partitionKey, data: Buffer.from(text, 'utf8') });

const throttle = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate exceeded for shard shardId-000000000000', $metadata: {} });

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

/**
 * A Kinesis client that behaves like a stream: accepted records get increasing
 * sequence numbers on the shard of their key, in request order; `fail` may
 * fail a record (data, how often it was sent before) with an error code.
 */
const fakeStream = (fail: (data: string, sentBefore: number) => string | undefined = () => undefined) => {
  const requests: Array<Array<{ key: string; data: string }>> = [];
  const sentCount = new Map<string, number>();
  let sequence = 0n;
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof PutRecordsCommand)) throw new Error('unexpected command');
      const entries = (command.input.Records ?? []).map((entry) => ({
        key: entry.PartitionKey!,
        data: Buffer.from(entry.Data!).toString('utf8'),
      }));
      requests.push(entries);
      const results = entries.map(({ key, data }) => {
        const sentBefore = sentCount.get(data) ?? 0;
        sentCount.set(data, sentBefore + 1);
        const code = fail(data, sentBefore);
        if (code !== undefined) return { ErrorCode: code, ErrorMessage: `${code} for ${data}` };
        sequence += 1n;
        return { ShardId: `shardId-00000000000${key.length % 2}`, SequenceNumber: String(49_000_000_000n + sequence) };
      });
      return {
        $metadata: {},
        FailedRecordCount: results.filter((entry) => 'ErrorCode' in entry).length,
        Records: results,
      } as PutRecordsCommandOutput;
    },
  } as unknown as KinesisClient;
  return { client, requests };
};

/** Every key's records were sent, and placed, in input order; no request held two records of one key. */
const expectPerKeyOrder = (
  records: readonly WorkloadRecord[],
  requests: ReadonlyArray<ReadonlyArray<{ key: string; data: string }>>,
  placements: ReadonlyArray<{ sequenceNumber: string }>,
) => {
  for (const request of requests) expect(new Set(request.map((entry) => entry.key)).size).toBe(request.length);
  const keys = [...new Set(records.map((entry) => entry.partitionKey))];
  for (const key of keys) {
    const inputOrder = records.filter((entry) => entry.partitionKey === key).map((entry) => entry.data.toString('utf8'));
    // First sends in order (a record is only sent again until accepted, never after a later one).
    const firstSends = [
      ...new Set(
        requests
          .flat()
          .filter((entry) => entry.key === key)
          .map((entry) => entry.data),
      ),
    ];
    expect(firstSends).toEqual(inputOrder);
    const sequenceNumbers = records.flatMap((entry, index) =>
      entry.partitionKey === key ? [BigInt(placements[index]!.sequenceNumber)] : [],
    );
    sequenceNumbers.slice(1).forEach((sequenceNumber, position) => expect(sequenceNumber > sequenceNumbers[position]!).toBe(true));
  }
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
    expect(sent).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(result.placements.map((placement) => placement.sequenceNumber)).toEqual(['1000', '1001']);
  });

  it('sends again only the records the API reported as failed, and places every record', async () => {
    const partial: PutRecordsCommandOutput = {
      $metadata: {},
      FailedRecordCount: 1,
      Records: [
        { ShardId: 'shardId-000000000000', SequenceNumber: '1' },
        { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded' },
      ],
    };
    const { client, sent } = scriptedClient([
      partial,
      {
        $metadata: {},
        FailedRecordCount: 0,
        Records: [
          { ShardId: 'shardId-000000000000', SequenceNumber: '2' },
          { ShardId: 'shardId-000000000001', SequenceNumber: '3' },
        ],
      },
    ]);
    const { delays, backoff } = noWait();
    const result = await produceRecords(
      { client, endpoint: 'http://fake', backoff },
      [record('u1', 'a'), record('u1', 'b'), record('u2', 'c')],
      { streamName: 'events' },
    );
    // One record per key and request: u1's 'b' waits for 'a'; the failed 'c' goes again with it.
    expect(sent).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(result).toMatchObject({ records: 3, requests: 2, retriedRecords: 1, throttles: 1 });
    expect(delays).toHaveLength(1);
    expect(result.placements.map((placement) => placement.sequenceNumber)).toEqual(['1', '2', '3']);
  });

  it("does not send a key's later record until its earlier one, failed in a partial failure, was accepted", async () => {
    const records = [record('u1', 'a'), record('u2', 'b'), record('u1', 'c'), record('u3', 'd'), record('u1', 'e'), record('u2', 'f')];
    // 'a' fails twice (an internal failure, then a throttle); everything else is accepted at once.
    const { client, requests } = fakeStream((data, sentBefore) =>
      data === 'a' && sentBefore < 2 ? ['InternalFailure', 'ProvisionedThroughputExceededException'][sentBefore] : undefined,
    );
    const { delays, backoff } = noWait();
    const result = await produceRecords({ client, endpoint: 'http://fake', backoff }, records, { streamName: 'events' });
    expect(requests.map((request) => request.map((entry) => entry.data))).toEqual([['a', 'b', 'd'], ['a', 'f'], ['a'], ['c'], ['e']]);
    expect(result).toMatchObject({ records: 6, requests: 5, retriedRecords: 2, throttles: 1 });
    expect(delays).toEqual([100, 200]); // backoff by the failing record's sends: 1, then 2
    expectPerKeyOrder(records, requests, result.placements);
    // u1's records landed in input order although 'a' needed three requests.
    const u1 = [0, 2, 4].map((index) => BigInt(result.placements[index]!.sequenceNumber));
    expect(u1[0]! < u1[1]! && u1[1]! < u1[2]!).toBe(true);
  });

  it('keeps every key in input order under random partial failures', async () => {
    const records = Array.from({ length: 3_000 }, (_, index) => record(`u${(index * 7919) % 53}`, String(index)));
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const { client, requests } = fakeStream(() => {
      const draw = random();
      return draw < 0.1 ? 'ProvisionedThroughputExceededException' : draw < 0.15 ? 'InternalFailure' : undefined;
    });
    const { backoff } = noWait();
    const progress: number[] = [];
    const result = await produceRecords({ client, endpoint: 'http://fake', backoff: { ...backoff, maxAttempts: 50 } }, records, {
      streamName: 'events',
      onProgress: (put) => progress.push(put),
    });
    expect(result.records).toBe(3_000);
    expect(result.retriedRecords).toBeGreaterThan(300);
    expect(result.requests).toBe(requests.length);
    expect(requests.flat()).toHaveLength(3_000 + result.retriedRecords);
    expect(progress.at(-1)).toBe(3_000);
    expectPerKeyOrder(records, requests, result.placements);
  });

  it('gives up with one clear line when throttling does not stop', async () => {
    const { client } = scriptedClient(Array.from({ length: 5 }, throttle));
    const { backoff } = noWait();
    await expect(
      produceRecords({ client, endpoint: 'http://fake', backoff: { ...backoff, maxAttempts: 3 } }, [record('u1', 'a')], {
        streamName: 'events',
      }),
    ).rejects.toThrow(
      new KinesisToolError(
        'PutRecords still throttled (ProvisionedThroughputExceededException) after 3 attempts; lower the rate or add shards',
      ),
    );
  });

  it('reports a Kinesis error as one line naming the operation and the endpoint', async () => {
    const { client } = scriptedClient([new InternalFailureException({ message: 'Internal service failure.', $metadata: {} })]);
    await expect(
      produceRecords({ client, endpoint: 'http://fake:1', backoff: noWait().backoff }, [record('u1', 'a')], { streamName: 'events' }),
    ).rejects.toThrow('PutRecords failed at http://fake:1: InternalFailureException: Internal service failure.');
  });

  it('sends one record per key and request, each key in input order', async () => {
    const records = Array.from({ length: 1_200 }, (_, index) => record(`u${index % 7}`, String(index)));
    const { client, requests } = fakeStream();
    const result = await produceRecords({ client, endpoint: 'http://fake' }, records, { streamName: 'events' });
    // 7 keys: every request takes the head of each key's queue, so 171 requests of 7 and one of 3.
    expect(requests.map((request) => request.length)).toEqual([...Array.from({ length: 171 }, () => 7), 3]);
    expect(result).toMatchObject({ records: 1_200, requests: 172, retriedRecords: 0 });
    expectPerKeyOrder(records, requests, result.placements);
  });

  it('fills requests up to 500 records when the keys are distinct, in input order', async () => {
    const records = Array.from({ length: 1_200 }, (_, index) => record(`u${index}`, String(index)));
    const { client, requests } = fakeStream();
    const result = await produceRecords({ client, endpoint: 'http://fake' }, records, { streamName: 'events' });
    expect(requests.map((request) => request.length)).toEqual([500, 500, 200]);
    expect(requests.flat().map((entry) => entry.data)).toEqual(records.map((entry) => entry.data.toString('utf8')));
    expect(result.placements.map((placement) => Number(BigInt(placement.sequenceNumber) - 49_000_000_000n))).toEqual(
      records.map((_, index) => 1 + index),
    );
  });

  it('gives up with one line when a record keeps failing with another error', async () => {
    const { client, requests } = fakeStream((data) => (data === 'b' ? 'InternalFailure' : undefined));
    const { delays, backoff } = noWait();
    await expect(
      produceRecords(
        { client, endpoint: 'http://fake', backoff: { ...backoff, maxAttempts: 3 } },
        [record('u1', 'a'), record('u2', 'b'), record('u1', 'c')],
        {
          streamName: 'events',
        },
      ),
    ).rejects.toThrow(
      new KinesisToolError('PutRecords: 1 records still failing after 3 attempts (InternalFailure: InternalFailure for b)'),
    );
    expect(requests.map((request) => request.map((entry) => entry.data))).toEqual([['a', 'b'], ['b', 'c'], ['b']]);
    expect(delays).toEqual([100, 200]);
  });

  it('rejects a batch size above the PutRecords limit', async () => {
    const { client } = scriptedClient([]);
    await expect(
      produceRecords({ client, endpoint: 'http://fake' }, [record('u1', 'a')], { streamName: 'events', batchSize: 501 }),
    ).rejects.toThrow('batch size must be an integer from 1 to 500, got 501');
  });
});

describe('nextPutRequest', () => {
  it("takes the head of every key's queue, earliest first, and leaves the queues as they are", () => {
    const records = ['u1', 'u1', 'u2', 'u3', 'u2', 'u4'].map((key, index) => record(key, String(index)));
    const queues = queueByPartitionKey(records);
    expect([...queues]).toEqual([
      ['u1', [0, 1]],
      ['u2', [2, 4]],
      ['u3', [3]],
      ['u4', [5]],
    ]);
    expect(nextPutRequest(queues, records)).toEqual([0, 2, 3, 5]);
    expect(nextPutRequest(queues, records, 2)).toEqual([0, 2]);
    expect([...queues]).toEqual([
      ['u1', [0, 1]],
      ['u2', [2, 4]],
      ['u3', [3]],
      ['u4', [5]],
    ]);
  });

  it('orders by head index, not by when a key was first seen', () => {
    const records = Array.from({ length: 10 }, (_, index) => record(`u${index}`, String(index)));
    const queues = new Map([
      ['b', [5, 6]],
      ['a', [2, 8]],
      ['d', [9]],
      ['c', [7]],
    ]);
    expect(nextPutRequest(queues, records)).toEqual([2, 5, 7, 9]);
    expect(nextPutRequest(queues, records, 3)).toEqual([2, 5, 7]);
    expect(nextPutRequest(new Map(), records)).toEqual([]);
  });

  it('takes at most 500 records', () => {
    const records = Array.from({ length: 1_200 }, (_, index) => record(`u${1_199 - index}`, String(index)));
    expect(nextPutRequest(queueByPartitionKey(records), records)).toEqual(Array.from({ length: 500 }, (_, index) => index));
  });

  it('also closes a request before it would pass 5 MiB', () => {
    const big = Array.from({ length: 12 }, (_, index) => ({ partitionKey: `u${index}`, data: Buffer.alloc(1000 * 1024) }));
    expect(nextPutRequest(queueByPartitionKey(big), big)).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a record over 1 MiB with its position', () => {
    expect(() => queueByPartitionKey([record('u', 'a'), { partitionKey: 'u', data: Buffer.alloc(1024 * 1024) }])).toThrow(
      'record 2 is 1048577 bytes; Kinesis takes at most 1 MiB per record',
    );
  });
});
