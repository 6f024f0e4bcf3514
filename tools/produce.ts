import { parseArgs } from 'node:util';
import type { KinesisStreamRecord } from 'aws-lambda';
import { readInputFile } from './input-files';
import { createKinesisClient } from './kinesis/client';
import { runKinesisCli } from './kinesis/errors';
import { MAX_RECORDS_PER_PUT, produceRecords } from './kinesis/producer';
import { UsageError } from './usage-error';
import type { WorkloadRecord } from './workload';

const USAGE = 'usage: npm run produce -- --endpoint URL --stream NAME [--batch-size N] [--region R] FILE…';

/** What the producer puts for a record read from a file: its exact bytes, partition key = aggregateId. */
const toPutRecord = (record: KinesisStreamRecord): WorkloadRecord => ({
  partitionKey: record.kinesis.partitionKey,
  data: Buffer.from(record.kinesis.data, 'base64'),
});

const parseOptions = (argv: string[]) => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        stream: { type: 'string' },
        region: { type: 'string' },
        'batch-size': { type: 'string', default: String(MAX_RECORDS_PER_PUT) },
      },
    });
    if (values.endpoint === undefined) throw new UsageError(`--endpoint is required (${USAGE})`);
    if (!/^https?:\/\/[^/\s]+/.test(values.endpoint) || !URL.canParse(values.endpoint)) {
      throw new UsageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:4567, got "${values.endpoint}"`);
    }
    if (values.stream === undefined || !/^[a-zA-Z0-9_.-]{1,128}$/.test(values.stream)) {
      throw new UsageError(`--stream must be a stream name (1-128 of a-z A-Z 0-9 _ . -) (${USAGE})`);
    }
    if (positionals.length === 0) throw new UsageError(`no FILE given (${USAGE})`);
    const batchSize = Number(values['batch-size']);
    if (!/^[0-9]+$/.test(values['batch-size']) || batchSize < 1 || batchSize > MAX_RECORDS_PER_PUT) {
      throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_RECORDS_PER_PUT}, got "${values['batch-size']}"`);
    }
    return { endpoint: values.endpoint, stream: values.stream, region: values.region, batchSize, files: positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
};

const main = async (): Promise<void> => {
  const { endpoint, stream, region, batchSize, files } = parseOptions(process.argv.slice(2));
  const records = files.flatMap((file) => readInputFile(file, 0).records.map(toPutRecord));
  const client = createKinesisClient({ endpoint, region });
  try {
    const result = await produceRecords({ client, endpoint }, records, {
      streamName: stream,
      batchSize,
      onProgress: (put, total) => process.stderr.write(`produce: ${put}/${total} records put\n`),
    });
    const perShard = new Map<string, number>();
    for (const { shardId } of result.placements) perShard.set(shardId, (perShard.get(shardId) ?? 0) + 1);
    process.stdout.write(
      `Put ${result.records} records from ${files.length} file(s) on ${stream} at ${endpoint}: ` +
        `${result.requests} PutRecords calls, ${result.retriedRecords} records retried, ${result.throttles} throttles\n` +
        [...perShard].map(([shardId, count]) => `  ${shardId}: ${count}`).join('\n') +
        '\n',
    );
  } finally {
    client.destroy();
  }
};

runKinesisCli(main);
