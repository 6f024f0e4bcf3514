import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runStoreBench, type StoreBenchResult } from './bench/store-run';
import { median, round } from './bench/statistics';
import { formatCounts } from './limits-table';
import { runCli, UsageError } from './usage-error';

const USAGE = 'usage: npm run bench:store -- [--json] [--records N] [--latency-ms L] [--rounds N] [--users N] [--warm-up N]';
const DEFAULTS = { records: '10000', 'latency-ms': '5', rounds: '3', users: '1000', 'warm-up': '10000' };

const integer = (name: string, text: string, min: number, max: number): number => {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
};

const parseOptions = (argv: string[]) => {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        records: { type: 'string', default: DEFAULTS.records },
        'latency-ms': { type: 'string', default: DEFAULTS['latency-ms'] },
        rounds: { type: 'string', default: DEFAULTS.rounds },
        users: { type: 'string', default: DEFAULTS.users },
        'warm-up': { type: 'string', default: DEFAULTS['warm-up'] },
      },
    });
    return {
      json: values.json,
      records: integer('records', values.records, 1, 100_000),
      latencyMs: integer('latency-ms', values['latency-ms'], 0, 1_000),
      rounds: integer('rounds', values.rounds, 1, 50),
      users: integer('users', values.users, 1, 100_000),
      warmUpRecords: integer('warm-up', values['warm-up'], 0, 1_000_000),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
};

/** `--json`: exactly these keys, nothing else on stdout. */
const toJsonDocument = (result: StoreBenchResult) => ({
  records: result.records,
  latencyMs: result.latencyMs,
  seconds: result.seconds,
  recordsPerSecond: result.recordsPerSecond,
  requests: result.requests,
  distinctItems: result.distinctItems,
  naiveRequests: result.naiveRequests,
});

const toText = (result: StoreBenchResult): string => {
  const rates = result.rounds.map((entry) => result.records / entry.seconds);
  const operations = Object.entries(result.rounds[0]?.byOperation ?? {}).map(([operation, count]) => `${operation} ${count}`).join(', ');
  return [
    `DynamoDB store on dynalite, ${result.latencyMs} ms added to every request: one batch of ${result.records} records, ${result.rounds.length} round(s)`,
    `  outcomes      ${formatCounts(result.summary)}`,
    `  throughput    ${result.recordsPerSecond} records/s median (min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}); target >= 5000 at 5 ms`,
    `  batch time    ${result.seconds} s median; this process's CPU ${round(median(result.rounds.map((entry) => entry.cpuSeconds)), 2)} s ` +
      '(handler, store and SDK; dynalite runs in a child process)',
    `  requests      ${result.requests} (${operations})`,
    `  items         ${result.distinctItems} distinct limit and watermark items touched: ${round(result.requests / result.distinctItems, 3)} requests per item; target <= 1.1 + a small constant`,
    `  per-record    ${result.naiveRequests} requests with the per-record seam (getWatermark, get, put, setWatermark, counted): ` +
      `${round(result.naiveRequests / result.requests, 1)}x more; target >= 10x`,
    '',
  ].join('\n');
};

const main = async (): Promise<void> => {
  const { json, ...options } = parseOptions(process.argv.slice(2));
  const result = await runStoreBench({ ...options, progress: (line) => process.stderr.write(`bench:store: ${line}\n`) });
  if (json) writeSync(1, `${JSON.stringify(toJsonDocument(result))}\n`);
  else process.stdout.write(toText(result));
};

runCli(main);
