import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatCounts } from './limits-table';
import { runKinesisCli } from './kinesis/errors';
import { runE2e } from './kinesis/e2e-run';
import { createStderrLogger } from './stderr-logger';
import { UsageError } from './usage-error';

const USAGE = 'usage: npm run e2e -- [--json] [--records N] [--users N] [--shards N] [--seed N] [--port N] [--batch-size N]';

const integerOption = (name: string, text: string, min: number, max: number): number => {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
};

const parseOptions = (argv: string[]) => {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        records: { type: 'string', default: '12000' },
        users: { type: 'string', default: '1000' },
        shards: { type: 'string', default: '4' },
        seed: { type: 'string', default: '42' },
        port: { type: 'string', default: '0' },
        'batch-size': { type: 'string', default: '100' },
      },
    });
    return {
      json: values.json,
      records: integerOption('records', values.records, 1, 1_000_000),
      users: integerOption('users', values.users, 1, 1_000_000),
      shards: integerOption('shards', values.shards, 1, 50),
      seed: integerOption('seed', values.seed, 0, 2 ** 31 - 1),
      port: integerOption('port', values.port, 0, 65_535),
      batchSize: integerOption('batch-size', values['batch-size'], 1, 10_000),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
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
    const { shards, summary, mismatches, seconds } = result;
    writeSync(1, `${JSON.stringify({ shards, summary, mismatches, seconds })}\n`);
    if (!result.summariesMatch) process.stderr.write(`error: summaries differ; direct replay: ${formatCounts(result.directSummary)}\n`);
    return;
  }
  process.stdout.write(
    [
      `End to end through kinesalite: ${result.workload.length} records, ${result.shards} shards, ${result.seconds} s`,
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
