import type { UserLimit } from '../lambda/domain/user-limit';
import type { OutcomeCounts } from '../lambda/processor/pipeline/outcome';

const formatTime = (epochMs: number | undefined): string =>
  epochMs === undefined ? '-' : new Date(epochMs).toISOString().replace('.000Z', 'Z');

const COLUMNS: Array<[string, (limit: UserLimit) => string]> = [
  ['userId', (l) => l.userId],
  ['userLimitId', (l) => l.userLimitId],
  ['type', (l) => l.type],
  ['period', (l) => l.period],
  ['status', (l) => l.status],
  ['value', (l) => `${l.value} ${l.currencyCode}`],
  ['progress', (l) => l.progress ?? '-'],
  ['nextResetTime', (l) => formatTime(l.nextResetTime)],
];

/** A plain-text table of limits, one row each, columns padded to fit. */
export const formatLimitsTable = (limits: readonly UserLimit[]): string => {
  const rows = [COLUMNS.map(([title]) => title), ...limits.map((limit) => COLUMNS.map(([, cell]) => cell(limit)))];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
};

/** `records 17 = applied 9 + duplicates 0 + …` on one line. */
export const formatCounts = (counts: OutcomeCounts): string => {
  const { records, ...outcomes } = counts;
  return `records ${records} = ${Object.entries(outcomes)
    .map(([name, count]) => `${name} ${count}`)
    .join(' + ')}`;
};
