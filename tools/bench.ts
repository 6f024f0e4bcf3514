import { statSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { defineCommand, integerOption, parseCommandLine } from './command-line';
import { assertVariantsAgree } from './bench/agreement';
import { benchWorkload } from './bench/bench-workload';
import { productionBundle } from './bench/bundle';
import { measureBytesPerLimit } from './bench/heap-per-limit';
import { measureLoadMs } from './bench/load-time';
import { measureMetricsMs } from './bench/metrics-cost';
import { measureVariants } from './bench/measure';
import { type BenchFigures, toJsonDocument, toTable } from './bench/report';
import { pairedRatios, summarize } from './bench/statistics';
import { VARIANT_NAMES } from './bench/variants';
import { runCli } from './usage-error';

/** NODE_OPTIONS of the deployed function (infra/bundled-function.ts). */
const DEPLOYED_NODE_OPTIONS = '--enable-source-maps';

/** `npm run bench`: its options and `--help`. */
export const BENCH_COMMAND = defineCommand({
  script: 'bench',
  synopsis: '[--json] [--records N] [--users N] [--iterations N] [--warmup N] [--import-runs N] [--limits N] [--bundle FILE]',
  description:
    'Builds dist/handler.js, then times the handler bundle against the parse-only floor and two Powertools\n' +
    'references, each in its own process, and measures bundle size, load time, scaling and heap per stored\n' +
    'limit, and the cost of the EMF metrics per invocation (about 2 minutes).',
  options: {
    json: { type: 'boolean', default: false, description: 'stdout: exactly one JSON document of the figures' },
    records: { type: 'string', default: '10000', valueName: 'N', description: 'records in the timed batch, >= 10 (scaling: a tenth)' },
    users: { type: 'string', default: '1000', valueName: 'N', description: 'users whose limits the store holds, >= 1' },
    iterations: { type: 'string', default: '15', valueName: 'N', description: 'timed rounds (medians are reported), >= 1' },
    warmup: { type: 'string', default: '2', valueName: 'N', description: 'untimed rounds first, >= 0' },
    'import-runs': { type: 'string', default: '21', valueName: 'N', description: 'fresh processes per way of loading, >= 1' },
    limits: { type: 'string', default: '100000', valueName: 'N', description: 'limits created for the heap measure, >= 1' },
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
 * two Powertools references, plus bundle size, load time, scaling and memory.
 */
const main = async (): Promise<void> => {
  const options = readOptions();
  const bundlePath = productionBundle(options.bundle);
  // Cold loads first, while the machine is not yet busy with our own rounds.
  progress(`timing ${options.importRuns} cold loads of ${bundlePath} per way (require, import(), require without source maps)`);
  const [importMs, dynamicImportMs, requireWithoutSourceMapsMs] = measureLoadMs(
    bundlePath,
    [
      { how: 'require', nodeOptions: DEPLOYED_NODE_OPTIONS },
      { how: 'import', nodeOptions: DEPLOYED_NODE_OPTIONS },
      { how: 'require', nodeOptions: undefined },
    ],
    options.importRuns,
  );

  const workload = benchWorkload({ records: options.records, users: options.users });
  const smallBatchSize = Math.max(10, Math.round(options.records / 10));
  progress(`checking that the handler and both Powertools references agree on ${options.records} records after the history`);
  await assertVariantsAgree(bundlePath, workload);

  progress(`timing ${options.warmup} + ${options.iterations} interleaved rounds, one process per variant`);
  const samples = await measureVariants(
    VARIANT_NAMES,
    { bundlePath, records: options.records, smallBatchRecords: smallBatchSize, users: options.users },
    {
      warmupRounds: options.warmup,
      rounds: options.iterations,
      onRound: (round, measured) =>
        progress(
          `round ${round}: ${Object.entries(measured)
            .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
            .join(', ')} ms`,
        ),
    },
  );

  progress(`measuring the heap of ${options.limits} limits stored through the handler`);
  const bytesPerLimit = await measureBytesPerLimit(bundlePath, options.limits);
  progress(`timing the metrics work of one ${options.records}-record invocation`);
  const metricsMs = await measureMetricsMs(options.records, options.users, options.iterations);

  const figures: BenchFigures = {
    batchSize: options.records,
    times: {
      floorMs: summarize(samples.floor),
      asciiFloorMs: summarize(samples.asciiFloor),
      handlerMs: summarize(samples.handler),
      powertoolsPlainMs: summarize(samples.powertoolsPlain),
      powertoolsMs: summarize(samples.powertools),
      smallBatchHandlerMs: summarize(samples.smallBatch),
    },
    ratios: {
      handlerToFloor: summarize(pairedRatios(samples.handler, samples.floor)),
      handlerToAsciiFloor: summarize(pairedRatios(samples.handler, samples.asciiFloor)),
      powertoolsPlainToHandler: summarize(pairedRatios(samples.powertoolsPlain, samples.handler)),
      powertoolsToHandler: summarize(pairedRatios(samples.powertools, samples.handler)),
      scaling: summarize(pairedRatios(samples.handler, samples.smallBatch)),
    },
    rounds: samples.handler.map((_, round) => ({
      floorMs: samples.floor[round]!,
      asciiFloorMs: samples.asciiFloor[round]!,
      handlerMs: samples.handler[round]!,
      powertoolsPlainMs: samples.powertoolsPlain[round]!,
      powertoolsMs: samples.powertools[round]!,
      smallBatchHandlerMs: samples.smallBatch[round]!,
    })),
    bundleBytes: statSync(bundlePath).size,
    loads: { importMs: importMs!, dynamicImportMs: dynamicImportMs!, requireWithoutSourceMapsMs: requireWithoutSourceMapsMs! },
    bytesPerLimit,
    metricsMs,
  };
  const context = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
    iterations: options.iterations,
    warmup: options.warmup,
    users: options.users,
    historyRecords: workload.history.Records.length,
    smallBatchSize,
    importRuns: options.importRuns,
    limitsMeasured: options.limits,
  };
  const output = options.json ? `${JSON.stringify(toJsonDocument(figures, context), null, 2)}\n` : toTable(figures, context);
  writeSync(1, output);
};

runCli(main);
