import { writeSync } from 'node:fs';
import { defineCommand, integerOption, parseCommandLine } from './command-line';
import { formatCounts } from './limits-table';
import { runKinesisCli } from './kinesis/errors';
import { runE2e } from './kinesis/e2e-run';
import { createStderrLogger } from './stderr-logger';
import { E2E_STORE_OPTIONS, readE2eStoreOptions } from './store-options';

/** `npm run e2e`: its options and `--help`. */
export const E2E_COMMAND = defineCommand({
  script: 'e2e',
  synopsis:
    '[--json] [--records N] [--users N] [--shards N] [--seed N] [--port N] [--batch-size N] [--store memory|dynamodb] [--parallelization N]',
  description:
    'End to end through kinesalite: generates a seeded workload, produces it on a stream, polls every shard\n' +
    'into the real handler, then compares with a direct replay of the same records.',
  options: {
    json: {
      type: 'boolean',
      default: false,
      description: 'stdout: exactly one JSON document {"shards", "store", "parallelization", "summary", "mismatches", "seconds"}',
    },
    records: { type: 'string', default: '12000', valueName: 'N', description: 'records in the workload, 1 to 1000000' },
    users: { type: 'string', default: '1000', valueName: 'N', description: 'users in the workload, 1 to 1000000' },
    shards: { type: 'string', default: '4', valueName: 'N', description: 'shards of the stream, 1 to 50' },
    seed: { type: 'string', default: '42', valueName: 'N', description: 'seed of the workload' },
    port: { type: 'string', default: '0', valueName: 'N', description: 'kinesalite port on 127.0.0.1 (0: a free one)' },
    'batch-size': { type: 'string', default: '100', valueName: 'N', description: 'records per handler invocation, 1 to 10000' },
    ...E2E_STORE_OPTIONS,
  },
  notes:
    'Progress on stderr. Exit code 1: the Kinesis path and the direct replay disagree, or kinesalite failed;\n' +
    '2: a bad argument. In a pipe, run `npm run -s e2e -- --json`.',
});

const parseOptions = (argv: string[]) => {
  const { values } = parseCommandLine(E2E_COMMAND, argv);
  return {
    json: values.json,
    records: integerOption('records', values.records, 1, 1_000_000),
    users: integerOption('users', values.users, 1, 1_000_000),
    shards: integerOption('shards', values.shards, 1, 50),
    seed: integerOption('seed', values.seed, 0, 2 ** 31 - 1),
    port: integerOption('port', values.port, 0, 65_535),
    batchSize: integerOption('batch-size', values['batch-size'], 1, 10_000),
    ...readE2eStoreOptions(values),
  };
};

const main = async (): Promise<void> => {
  const { json, ...options } = parseOptions(process.argv.slice(2));
  // Poison records are part of the workload: the handler's ERROR lines would drown the progress.
  const logger = createStderrLogger('SILENT');
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`.padStart(6);
  const result = await runE2e({
    ...options,
    logger,
    progress: json ? undefined : (line) => process.stderr.write(`e2e ${elapsed()}  ${line}\n`),
  });
  const ok = result.mismatches === 0 && result.summariesMatch;
  if (!ok) process.exitCode = 1;
  if (json) {
    const { shards, store, parallelization, summary, mismatches, seconds } = result;
    writeSync(1, `${JSON.stringify({ shards, store, parallelization, summary, mismatches, seconds })}\n`);
    if (!result.summariesMatch) process.stderr.write(`error: summaries differ; direct replay: ${formatCounts(result.directSummary)}\n`);
    return;
  }
  process.stdout.write(
    [
      `End to end through kinesalite: ${result.workload.length} records, ${result.shards} shards, ${result.seconds} s`,
      `  store     ${result.store === 'dynamodb' ? 'DynamoDB (embedded dynalite)' : 'in memory'}, ${result.parallelization} batcher(s) per shard`,
      `  produced  ${result.produced.records} records in ${result.produced.requests} PutRecords calls ` +
        `(${result.produced.retriedRecords} retried, ${result.produced.throttles} throttles)`,
      `  polled    ${result.polled.getRecordsCalls} GetRecords calls: ` +
        Object.entries(result.polled.recordsPerShard)
          .map(([shardId, count]) => `${shardId.replace('shardId-', '')} ${count}`)
          .join(', '),
      `  kinesis   ${formatCounts(result.summary)}`,
      `  direct    ${formatCounts(result.directSummary)}`,
      `  ${result.userLimits} user limits, ${result.mismatches} mismatches, summaries ${result.summariesMatch ? 'equal' : 'DIFFER'}`,
      ok ? 'OK: the Kinesis path and the direct replay agree' : 'FAIL: the Kinesis path and the direct replay disagree',
      '',
    ].join('\n'),
  );
};

runKinesisCli(main);
