import { round } from './statistics';

/** Every measured figure; the keys of the `--json` document the issue fixes. */
export interface BenchFigures {
  batchSize: number;
  floorMs: number;
  handlerMs: number;
  powertoolsMs: number;
  bundleBytes: number;
  importMs: number;
  scaling: number;
  bytesPerLimit: number;
}

/** Context printed with the figures: without it a figure cannot be compared. */
export interface BenchContext {
  date: string;
  node: string;
  cpu: string;
  iterations: number;
  users: number;
  smallBatchSize: number;
  smallBatchHandlerMs: number;
  importWithSourceMapsMs: number;
  limitsMeasured: number;
}

interface Target {
  figure: string;
  value: number;
  target: string;
  met: boolean;
}

/** The performance budget of the issue, applied to measured figures. */
export const checkTargets = (figures: BenchFigures): Target[] => {
  const handlerToFloor = figures.handlerMs / figures.floorMs;
  const powertoolsToHandler = figures.powertoolsMs / figures.handlerMs;
  return [
    { figure: 'handlerMs / floorMs', value: round(handlerToFloor), target: '<= 2.0', met: handlerToFloor <= 2 },
    { figure: 'powertoolsMs / handlerMs', value: round(powertoolsToHandler), target: '>= 1.5', met: powertoolsToHandler >= 1.5 },
    { figure: 'bundleBytes', value: figures.bundleBytes, target: '<= 153600 (150 KB)', met: figures.bundleBytes <= 150 * 1024 },
    { figure: 'importMs', value: round(figures.importMs, 1), target: '<= 30', met: figures.importMs <= 30 },
    { figure: 'scaling', value: round(figures.scaling), target: '<= 12', met: figures.scaling <= 12 },
    { figure: 'bytesPerLimit', value: round(figures.bytesPerLimit, 0), target: '<= 1024', met: figures.bytesPerLimit <= 1024 },
  ];
};

const perSecond = (records: number, ms: number): number => Math.round((records / ms) * 1000);

/** The `--json` document: the fixed keys first, then ratios, throughput and context. */
export const toJsonDocument = (figures: BenchFigures, context: BenchContext) => {
  const targets = checkTargets(figures);
  return {
    batchSize: figures.batchSize,
    floorMs: round(figures.floorMs),
    handlerMs: round(figures.handlerMs),
    powertoolsMs: round(figures.powertoolsMs),
    bundleBytes: figures.bundleBytes,
    importMs: round(figures.importMs, 1),
    scaling: round(figures.scaling),
    bytesPerLimit: round(figures.bytesPerLimit, 0),
    ratios: {
      handlerToFloor: targets[0]!.value,
      powertoolsToHandler: targets[1]!.value,
    },
    recordsPerSecond: {
      floor: perSecond(figures.batchSize, figures.floorMs),
      handler: perSecond(figures.batchSize, figures.handlerMs),
      powertools: perSecond(figures.batchSize, figures.powertoolsMs),
    },
    targets,
    allTargetsMet: targets.every((target) => target.met),
    ...context,
    smallBatchHandlerMs: round(context.smallBatchHandlerMs),
    importWithSourceMapsMs: round(context.importWithSourceMapsMs, 1),
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

/** The human-readable report: figures, then each target with its verdict. */
export const toTable = (figures: BenchFigures, context: BenchContext): string => {
  const rate = (ms: number) => `${perSecond(figures.batchSize, ms).toLocaleString('en-US')} records/s`;
  const measured = table([
    ['figure', 'value', 'note'],
    ['floorMs', round(figures.floorMs).toFixed(2), rate(figures.floorMs)],
    ['handlerMs', round(figures.handlerMs).toFixed(2), rate(figures.handlerMs)],
    ['powertoolsMs', round(figures.powertoolsMs).toFixed(2), rate(figures.powertoolsMs)],
    ['bundleBytes', String(figures.bundleBytes), `${(figures.bundleBytes / 1024).toFixed(1)} KB, without source map`],
    ['importMs', figures.importMs.toFixed(1), `${context.importWithSourceMapsMs.toFixed(1)} with NODE_OPTIONS=--enable-source-maps`],
    ['scaling', figures.scaling.toFixed(2), `${context.smallBatchSize} records: ${context.smallBatchHandlerMs.toFixed(2)} ms`],
    ['bytesPerLimit', figures.bytesPerLimit.toFixed(0), `${context.limitsMeasured.toLocaleString('en-US')} limits`],
  ]);
  const verdicts = table([
    ['target', 'measured', 'budget', 'verdict'],
    ...checkTargets(figures).map((t) => [t.figure, String(t.value), t.target, t.met ? 'met' : 'MISSED']),
  ]);
  return [
    `batch of ${figures.batchSize.toLocaleString('en-US')} records, ${context.users} users; medians of ${context.iterations} interleaved iterations`,
    `${context.date} · Node ${context.node} · ${context.cpu}`,
    '',
    measured,
    '',
    verdicts,
    '',
  ].join('\n');
};
