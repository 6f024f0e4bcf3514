import { round, type Summary } from './statistics';

/** The timed figures, each a summary over the rounds (ms). */
export interface TimedFigures {
  floorMs: Summary;
  /** The cheapest correct decode (atob for ASCII data), the handler's own: below floorMs. */
  asciiFloorMs: Summary;
  handlerMs: Summary;
  powertoolsPlainMs: Summary;
  powertoolsMs: Summary;
  smallBatchHandlerMs: Summary;
}

/** Ratios paired by round (each round's ratio, then median and range over the rounds). */
export interface RatioFigures {
  handlerToFloor: Summary;
  handlerToAsciiFloor: Summary;
  powertoolsPlainToHandler: Summary;
  powertoolsToHandler: Summary;
  /** handlerMs / smallBatchHandlerMs. */
  scaling: Summary;
}

/** Cold loads of the bundle (ms, inside a fresh process). */
export interface LoadFigures {
  /** `require`, as Lambda's runtime loads our CommonJS handler, with the deployed NODE_OPTIONS. */
  importMs: Summary;
  /** `import()`, what the runtime would use for an ES module; same NODE_OPTIONS. */
  dynamicImportMs: Summary;
  /** `require` without `--enable-source-maps`. */
  requireWithoutSourceMapsMs: Summary;
}

/** Every measured figure. */
export interface BenchFigures {
  batchSize: number;
  times: TimedFigures;
  ratios: RatioFigures;
  /** Each timed round's figures, in ms (the ratios above are computed from these, round by round). */
  rounds: Record<string, number>[];
  bundleBytes: number;
  loads: LoadFigures;
  bytesPerLimit: number;
  /** The handler's per-invocation metrics work (batch age scan, one EMF blob written) for the timed batch, ms; included in handlerMs. */
  metricsMs: Summary;
}

/** Context printed with the figures: without it a figure cannot be compared. */
export interface BenchContext {
  date: string;
  node: string;
  cpu: string;
  iterations: number;
  warmup: number;
  users: number;
  historyRecords: number;
  smallBatchSize: number;
  importRuns: number;
  limitsMeasured: number;
}

interface Target {
  figure: string;
  value: number;
  target: string;
  met: boolean;
}

const KB = 1024;

/** The performance budget of the issue, applied to the medians (ratios: medians of the paired ratios). */
export const checkTargets = (figures: BenchFigures): Target[] => {
  const { handlerToFloor, powertoolsPlainToHandler, powertoolsToHandler, scaling } = figures.ratios;
  const importMs = figures.loads.importMs.median;
  return [
    { figure: 'handlerMs / floorMs', value: round(handlerToFloor.median), target: '<= 1.8', met: handlerToFloor.median <= 1.8 },
    {
      figure: 'powertoolsPlainMs / handlerMs',
      value: round(powertoolsPlainToHandler.median),
      target: '>= 2.0',
      met: powertoolsPlainToHandler.median >= 2,
    },
    {
      figure: 'powertoolsMs / handlerMs',
      value: round(powertoolsToHandler.median),
      target: '>= 10',
      met: powertoolsToHandler.median >= 10,
    },
    { figure: 'bundleBytes', value: figures.bundleBytes, target: '<= 153600 (150 KB)', met: figures.bundleBytes <= 150 * KB },
    { figure: 'importMs', value: round(importMs, 1), target: '<= 30', met: importMs <= 30 },
    { figure: 'scaling', value: round(scaling.median), target: '<= 12', met: scaling.median <= 12 },
    { figure: 'bytesPerLimit', value: round(figures.bytesPerLimit, 0), target: '<= 1024', met: figures.bytesPerLimit <= KB },
  ];
};

const perSecond = (records: number, ms: number): number => Math.round((records / ms) * 1000);
const range = ({ min, max }: Summary, digits = 2) => ({ min: round(min, digits), max: round(max, digits) });
const ranges = <K extends string>(figures: Record<K, Summary>, digits = 2) =>
  Object.fromEntries((Object.keys(figures) as K[]).map((name) => [name, range(figures[name], digits)]));
const roundAll = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));

/**
 * The `--json` document: the keys the issue fixes (medians) first, `spread`
 * (min and max of every timed figure and ratio), the paired ratios, each
 * round's figures, throughput, the targets and the context.
 */
export const toJsonDocument = (figures: BenchFigures, context: BenchContext) => {
  const { times, ratios, loads } = figures;
  const targets = checkTargets(figures);
  return {
    batchSize: figures.batchSize,
    floorMs: round(times.floorMs.median),
    asciiFloorMs: round(times.asciiFloorMs.median),
    handlerMs: round(times.handlerMs.median),
    powertoolsMs: round(times.powertoolsMs.median),
    powertoolsPlainMs: round(times.powertoolsPlainMs.median),
    bundleBytes: figures.bundleBytes,
    importMs: round(loads.importMs.median, 1),
    scaling: round(ratios.scaling.median),
    bytesPerLimit: round(figures.bytesPerLimit, 0),
    metricsMs: round(figures.metricsMs.median, 3),
    spread: {
      ...ranges(times),
      ...ranges(ratios),
      ...ranges(loads, 1),
      metricsMs: range(figures.metricsMs, 3),
    },
    ratios: {
      handlerToFloor: round(ratios.handlerToFloor.median),
      handlerToAsciiFloor: round(ratios.handlerToAsciiFloor.median),
      powertoolsPlainToHandler: round(ratios.powertoolsPlainToHandler.median),
      powertoolsToHandler: round(ratios.powertoolsToHandler.median),
    },
    rounds: figures.rounds.map(roundAll),
    recordsPerSecond: {
      floor: perSecond(figures.batchSize, times.floorMs.median),
      handler: perSecond(figures.batchSize, times.handlerMs.median),
      powertoolsPlain: perSecond(figures.batchSize, times.powertoolsPlainMs.median),
      powertools: perSecond(figures.batchSize, times.powertoolsMs.median),
    },
    targets,
    allTargetsMet: targets.every((target) => target.met),
    ...context,
    smallBatchHandlerMs: round(times.smallBatchHandlerMs.median),
    dynamicImportMs: round(loads.dynamicImportMs.median, 1),
    requireWithoutSourceMapsMs: round(loads.requireWithoutSourceMapsMs.median, 1),
  };
};

const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((cell, index) => cell.padEnd(widths[index]!))
    .join('  ')
    .trimEnd();

const table = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => pad(row, widths)).join('\n');
};

const cell = ({ median, min, max }: Summary, digits = 2) => `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

/** The human-readable report: figures (median and range), then each target with its verdict. */
export const toTable = (figures: BenchFigures, context: BenchContext): string => {
  const { times, ratios, loads } = figures;
  const rate = (summary: Summary) => `${perSecond(figures.batchSize, summary.median).toLocaleString('en-US')} records/s`;
  const measured = table([
    ['figure', 'median (min–max)', 'note'],
    ['floorMs', cell(times.floorMs), rate(times.floorMs)],
    ['asciiFloorMs', cell(times.asciiFloorMs), `${rate(times.asciiFloorMs)}; atob for ASCII data, as the handler decodes`],
    ['handlerMs', cell(times.handlerMs), rate(times.handlerMs)],
    ['powertoolsPlainMs', cell(times.powertoolsPlainMs), rate(times.powertoolsPlainMs)],
    ['powertoolsMs', cell(times.powertoolsMs), rate(times.powertoolsMs)],
    ['handlerMs / floorMs', cell(ratios.handlerToFloor), 'paired by round'],
    ['handlerMs / asciiFloorMs', cell(ratios.handlerToAsciiFloor), 'paired by round; no target'],
    ['powertoolsPlainMs / handlerMs', cell(ratios.powertoolsPlainToHandler), 'paired by round'],
    ['powertoolsMs / handlerMs', cell(ratios.powertoolsToHandler), 'paired by round'],
    ['scaling', cell(ratios.scaling), `${context.smallBatchSize} records: ${cell(times.smallBatchHandlerMs)} ms`],
    ['bundleBytes', String(figures.bundleBytes), `${(figures.bundleBytes / KB).toFixed(1)} KB, without source map`],
    ['importMs', cell(loads.importMs, 1), 'require(), NODE_OPTIONS=--enable-source-maps (as Lambda loads it)'],
    ['', cell(loads.dynamicImportMs, 1), 'import(), same options'],
    ['', cell(loads.requireWithoutSourceMapsMs, 1), 'require(), without source maps'],
    ['bytesPerLimit', figures.bytesPerLimit.toFixed(0), `${context.limitsMeasured.toLocaleString('en-US')} limits through the handler`],
    [
      'metricsMs',
      cell(figures.metricsMs, 3),
      `EMF blob + batch age per invocation: ${((figures.metricsMs.median / times.handlerMs.median) * 100).toFixed(2)} % of handlerMs (included in it)`,
    ],
  ]);
  const verdicts = table([
    ['target', 'measured', 'budget', 'verdict'],
    ...checkTargets(figures).map((t) => [t.figure, String(t.value), t.target, t.met ? 'met' : 'MISSED']),
  ]);
  return [
    `batch of ${figures.batchSize.toLocaleString('en-US')} records, ${context.users} users (history: ${context.historyRecords.toLocaleString('en-US')} records);` +
      ` each variant in its own process, ${context.warmup} + ${context.iterations} interleaved rounds`,
    `${context.date} · Node ${context.node} · ${context.cpu}`,
    '',
    measured,
    '',
    verdicts,
    '',
  ].join('\n');
};
