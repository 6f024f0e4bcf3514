import { statSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { assertVariantsAgree } from './bench/agreement';
import { benchBatch, firstRecords } from './bench/bench-workload';
import { productionBundle } from './bench/bundle';
import { measureBytesPerLimit } from './bench/heap-per-limit';
import { measureImportMs } from './bench/import-time';
import { measureInterleaved } from './bench/measure';
import { withQuietStdio } from './bench/quiet-stdio';
import { type BenchFigures, toJsonDocument, toTable } from './bench/report';
import { floorVariant, handlerVariant, powertoolsVariant } from './bench/variants';
import { runCli, UsageError } from './usage-error';

const USAGE =
  'usage: npm run bench -- [--json] [--records N] [--users N] [--iterations N] [--warmup N] [--import-runs N] [--limits N] [--bundle FILE]';

/** Batches that warm each fresh copy of the bundle: enough for V8 to reach a warm container's steady state. */
const WARMUP_SEEDS = [7, 8, 9];
/** Users in a warm-up batch: the same event mix, but only a few dozen limits left in the store. */
const WARMUP_USERS = 10;

const DEFAULTS = { records: 10_000, users: 1_000, iterations: 11, warmup: 2, 'import-runs': 31, limits: 100_000 };

const positiveInteger = (name: keyof typeof DEFAULTS, text: string | undefined, minimum = 1): number => {
  if (text === undefined) return DEFAULTS[name];
  if (!/^[0-9]+$/.test(text) || Number(text) < minimum) throw new UsageError(`--${name} must be an integer >= ${minimum}, got "${text}"`);
  return Number(text);
};

const readOptions = () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        records: { type: 'string' },
        users: { type: 'string' },
        iterations: { type: 'string' },
        warmup: { type: 'string' },
        'import-runs': { type: 'string' },
        limits: { type: 'string' },
        bundle: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  return {
    json: values.json === true,
    records: positiveInteger('records', values.records, 10),
    users: positiveInteger('users', values.users),
    iterations: positiveInteger('iterations', values.iterations),
    warmup: positiveInteger('warmup', values.warmup, 0),
    importRuns: positiveInteger('import-runs', values['import-runs']),
    limits: positiveInteger('limits', values.limits),
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
