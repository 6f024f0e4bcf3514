import { writeSync } from 'node:fs';
import type { KinesisStreamRecord } from 'aws-lambda';
import { defineCommand, integerOption, parseCommandLine, usageLine } from './command-line';
import { readInputFile } from './input-files';
import { createKinesisClient } from './kinesis/client';
import { runKinesisCli } from './kinesis/errors';
import { MAX_RECORDS_PER_PUT, type ProduceResult, produceRecords } from './kinesis/producer';
import { UsageError } from './usage-error';
import type { WorkloadRecord } from './workload';

/** `npm run produce`: its options and `--help`. */
export const PRODUCE_COMMAND = defineCommand({
  script: 'produce',
  synopsis: '--endpoint URL --stream NAME [--region R] [--batch-size N] [--json] FILE…',
  description:
    'Puts the records of FILE… on an existing Kinesis stream with PutRecords (partition key =\n' +
    "aggregateId, each event's exact bytes), retrying failed records and throttling with backoff.",
  operands: { name: 'FILE…', description: 'the formats replay reads (see npm run replay -- --help)' },
  options: {
    endpoint: { type: 'string', valueName: 'URL', description: 'the Kinesis endpoint, e.g. http://127.0.0.1:4567 (required)' },
    stream: { type: 'string', valueName: 'NAME', description: 'the stream name (required)' },
    region: { type: 'string', valueName: 'R', description: 'the region to sign for (default $AWS_REGION, else eu-west-1)' },
    'batch-size': {
      type: 'string',
      default: String(MAX_RECORDS_PER_PUT),
      valueName: 'N',
      description: `records per PutRecords call, 1 to ${MAX_RECORDS_PER_PUT}`,
    },
    json: { type: 'boolean', default: false, description: 'stdout: exactly one JSON document, the summary' },
  },
  notes:
    'Progress on stderr, at most one line a second. Exit code 2: a bad argument or file; 1: the endpoint,\n' +
    'the stream or throttling failed (one line). In a pipe, run `npm run -s produce -- --json …`.',
});

/** The `--json` document. */
export interface ProduceSummary {
  stream: string;
  endpoint: string;
  files: number;
  records: number;
  requests: number;
  retriedRecords: number;
  throttles: number;
  /** Records per shard id. */
  shards: Record<string, number>;
}

/** What the producer puts for a record read from a file: its exact bytes, partition key = aggregateId. */
const toPutRecord = (record: KinesisStreamRecord): WorkloadRecord => ({
  partitionKey: record.kinesis.partitionKey,
  data: Buffer.from(record.kinesis.data, 'base64'),
});

const parseOptions = (argv: string[]) => {
  const { values, positionals } = parseCommandLine(PRODUCE_COMMAND, argv);
  if (values.endpoint === undefined) throw new UsageError(`--endpoint is required (${usageLine(PRODUCE_COMMAND)})`);
  if (!/^https?:\/\/[^/\s]+/.test(values.endpoint) || !URL.canParse(values.endpoint)) {
    throw new UsageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:4567, got "${values.endpoint}"`);
  }
  if (values.stream === undefined || !/^[a-zA-Z0-9_.-]{1,128}$/.test(values.stream)) {
    throw new UsageError(`--stream must be a stream name (1-128 of a-z A-Z 0-9 _ . -) (${usageLine(PRODUCE_COMMAND)})`);
  }
  if (values.region !== undefined && !/^[a-z0-9-]{1,64}$/.test(values.region)) {
    throw new UsageError(`--region must be a region name such as eu-west-1, got "${values.region}"`);
  }
  if (positionals.length === 0) throw new UsageError(`no FILE given (${usageLine(PRODUCE_COMMAND)})`);
  const batchSize = integerOption('batch-size', values['batch-size'], 1, MAX_RECORDS_PER_PUT);
  return { endpoint: values.endpoint, stream: values.stream, region: values.region, batchSize, json: values.json, files: positionals };
};

/** A progress callback that writes at most one line a second: a file of one user takes one call per record. */
const progressEverySecond = (): ((put: number, total: number) => void) => {
  let last = performance.now();
  return (put, total) => {
    const now = performance.now();
    if (now - last < 1000 || put === total) return;
    last = now;
    process.stderr.write(`produce: ${put}/${total} records put\n`);
  };
};

const summarize = (result: ProduceResult, options: { stream: string; endpoint: string; files: number }): ProduceSummary => {
  const shards: Record<string, number> = {};
  for (const { shardId } of result.placements) shards[shardId] = (shards[shardId] ?? 0) + 1;
  const { records, requests, retriedRecords, throttles } = result;
  return { ...options, records, requests, retriedRecords, throttles, shards };
};

const main = async (): Promise<void> => {
  const { endpoint, stream, region, batchSize, json, files } = parseOptions(process.argv.slice(2));
  const records = files.flatMap((file) => readInputFile(file, 0).records.map(toPutRecord));
  const client = createKinesisClient({ endpoint, region });
  try {
    const result = await produceRecords({ client, endpoint }, records, {
      streamName: stream,
      batchSize,
      onProgress: progressEverySecond(),
    });
    const summary = summarize(result, { stream, endpoint, files: files.length });
    if (json) {
      writeSync(1, `${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(
      `Put ${summary.records} records from ${files.length} file(s) on ${stream} at ${endpoint}: ` +
        `${summary.requests} PutRecords calls, ${summary.retriedRecords} records retried, ${summary.throttles} throttles\n` +
        Object.entries(summary.shards)
          .map(([shardId, count]) => `  ${shardId}: ${count}\n`)
          .join(''),
    );
  } finally {
    client.destroy();
  }
};

runKinesisCli(main);
