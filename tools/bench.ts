import { statSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { defineCommand, integerOption, parseCommandLine } from './command-line';
import { assertVariantsAgree } from './bench/agreement';
import { benchBatch, firstRecords } from './bench/bench-workload';
import { productionBundle } from './bench/bundle';
import { measureBytesPerLimit } from './bench/heap-per-limit';
import { measureImportMs } from './bench/import-time';
import { measureInterleaved } from './bench/measure';
import { withQuietStdio } from './bench/quiet-stdio';
import { type BenchFigures, toJsonDocument, toTable } from './bench/report';
import { floorVariant, handlerVariant, powertoolsVariant } from './bench/variants';
import { runCli } from './usage-error';

/** Batches that warm each fresh copy of the bundle: enough for V8 to reach a warm container's steady state. */
const WARMUP_SEEDS = [7, 8, 9];
/** Users in a warm-up batch: the same event mix, but only a few dozen limits left in the store. */
const WARMUP_USERS = 10;

/** `npm run bench`: its options and `--help`. */
export const BENCH_COMMAND = defineCommand({
  script: 'bench',
  synopsis: '[--json] [--records N] [--users N] [--iterations N] [--warmup N] [--import-runs N] [--limits N] [--bundle FILE]',
  description:
    'Builds dist/handler.js, then times the handler bundle against the parse-only floor and the Powertools\n' +
    'reference, and measures bundle size, import time, scaling and heap per stored limit (about 3 minutes).',
  options: {
    json: { type: 'boolean', default: false, description: 'stdout: exactly one JSON document of the figures' },
    records: { type: 'string', default: '10000', valueName: 'N', description: 'records in the timed batch, >= 10' },
    users: { type: 'string', default: '1000', valueName: 'N', description: 'users in the timed batch, >= 1' },
    iterations: { type: 'string', default: '11', valueName: 'N', description: 'timed rounds (medians are reported), >= 1' },
    warmup: { type: 'string', default: '2', valueName: 'N', description: 'untimed rounds first, >= 0' },
    'import-runs': { type: 'string', default: '31', valueName: 'N', description: 'cold imports timed, >= 1' },
    limits: { type: 'string', default: '100000', valueName: 'N', description: 'stored limits for the heap measure, >= 1' },
    bundle: { type: 'string', valueName: 'FILE', description: 'the bundle to measure (default dist/handler.js)' },
  },
  notes: 'Progress on stderr. Exit code 2: a bad argument. In a pipe, run `npm run -s bench -- --json`.',
});

const readOptions = () => {
  const { values } = parseCommandLine(BENCH_COMMAND, process.argv.slice(2));
  return {
    json: values.json,
    records: integerOption('records', values.records, 10),
    users: integerOption('users', values.users, 1),
    iterations: integerOption('iterations', values.iterations, 1),
    warmup: integerOption('warmup', values.warmup, 0),
    importRuns: integerOption('import-runs', values['import-runs'], 1),
    limits: integerOption('limits', values.limits, 1),
    bundle: values.bundle,
  };
};

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/**
 * `npm run bench`: the handler bundle against the parse-only floor and the
 * Powertools reference, plus bundle size, import time, scaling and memory.
 */
const main = async (): Promise<void> => {
  const options = readOptions();
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  const bundlePath = productionBundle(options.bundle);
  // Cold imports first, while this process is small and the machine not yet busy with our own rounds.
  progress(`timing ${options.importRuns} cold imports`);
  const importMs = measureImportMs(bundlePath, options.importRuns);
  const importWithSourceMapsMs = measureImportMs(bundlePath, options.importRuns, '--enable-source-maps');

  const event = benchBatch({ records: options.records, users: options.users });
  // Few other users: every code path warms up while the store stays nearly empty for the timed batch.
  const warmupEvents = WARMUP_SEEDS.map((seed) => benchBatch({ records: options.records, users: WARMUP_USERS, seed }));
  const smallBatchSize = Math.floor(options.records / 10);
  const smallEvent = firstRecords(event, smallBatchSize);

  progress(`checking that the handler and the Powertools reference agree on ${options.records} records`);
  await assertVariantsAgree(bundlePath, event);

  progress(`timing ${options.warmup} + ${options.iterations} interleaved rounds`);
  const medians = await withQuietStdio(() =>
    measureInterleaved(
      [
        floorVariant(event),
        handlerVariant('handler', bundlePath, event, warmupEvents),
        powertoolsVariant(event),
        handlerVariant('smallBatch', bundlePath, smallEvent, warmupEvents),
      ],
      { warmupRounds: options.warmup, rounds: options.iterations },
    ),
  );

  progress(`measuring the heap of ${options.limits} stored limits`);
  const bytesPerLimit = await measureBytesPerLimit(options.limits);

  const figures: BenchFigures = {
    batchSize: options.records,
    floorMs: medians.floor!,
    handlerMs: medians.handler!,
    powertoolsMs: medians.powertools!,
    bundleBytes: statSync(bundlePath).size,
    importMs,
    scaling: medians.handler! / medians.smallBatch!,
    bytesPerLimit,
  };
  const context = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
    iterations: options.iterations,
    users: options.users,
    smallBatchSize,
    smallBatchHandlerMs: medians.smallBatch!,
    importWithSourceMapsMs,
    limitsMeasured: options.limits,
  };
  const output = options.json ? `${JSON.stringify(toJsonDocument(figures, context), null, 2)}\n` : toTable(figures, context);
  writeSync(1, output);
};

runCli(main);
