import { writeSync } from 'node:fs';
import { runStoreBench, type StoreBenchResult } from './bench/store-run';
import { median, round } from './bench/statistics';
import { formatCounts } from './limits-table';
import { runCli } from './usage-error';
import { defineCommand, integerOption, parseCommandLine } from './command-line';

/** `npm run bench:store`: its options and `--help`. */
export const BENCH_STORE_COMMAND = defineCommand({
  script: 'bench:store',
  synopsis: '[--json] [--records N] [--latency-ms L] [--rounds N] [--users N] [--warm-up N] [--concurrency N]',
  description:
    'One batch of the benchmark workload through the real handler on the DynamoDB store (dynalite in a\n' +
    'child process, a fresh table per round, first loaded by an untimed warm-up stream of the same users),\n' +
    'every request delayed by L ms and counted; compared with the requests the per-record seam sends.',
  options: {
    json: {
      type: 'boolean',
      default: false,
      description:
        'stdout: exactly one JSON document\n{"records","latencyMs","seconds","recordsPerSecond","requests","distinctItems","naiveRequests"}',
    },
    records: { type: 'string', default: '10000', valueName: 'N', description: 'records in the timed batch, 1 to 100000' },
    'latency-ms': { type: 'string', default: '5', valueName: 'L', description: 'added to every DynamoDB request, 0 to 1000' },
    rounds: { type: 'string', default: '3', valueName: 'N', description: 'rounds (median and min-max reported), 1 to 50' },
    users: { type: 'string', default: '1000', valueName: 'N', description: 'users in the workload, 1 to 100000' },
    'warm-up': {
      type: 'string',
      default: '10000',
      valueName: 'N',
      description: 'records replayed before the batch, untimed, 0 to 1000000',
    },
    concurrency: { type: 'string', valueName: 'N', description: "the store's requests in flight (default: the store's own), 1 to 1000" },
  },
  notes: 'Progress on stderr. Exit code 2: a bad argument. In a pipe, run `npm run -s bench:store -- --json`.',
});

const parseOptions = (argv: string[]) => {
  const { values } = parseCommandLine(BENCH_STORE_COMMAND, argv);
  return {
    json: values.json,
    records: integerOption('records', values.records, 1, 100_000),
    latencyMs: integerOption('latency-ms', values['latency-ms'], 0, 1_000),
    rounds: integerOption('rounds', values.rounds, 1, 50),
    users: integerOption('users', values.users, 1, 100_000),
    warmUpRecords: integerOption('warm-up', values['warm-up'], 0, 1_000_000),
    concurrency: values.concurrency === undefined ? undefined : integerOption('concurrency', values.concurrency, 1, 1_000),
  };
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
  const operations = Object.entries(result.rounds[0]?.byOperation ?? {})
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
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
