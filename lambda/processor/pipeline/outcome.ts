/** Every record ends in exactly one of these (DOMAIN.md), counted per batch in this order. */
export const OUTCOMES = ['applied', 'duplicates', 'ignored', 'orphaned', 'rejected', 'failed'] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** Per-batch counters; `records` is the sum of the others. */
export type OutcomeCounts = { records: number } & Record<Outcome, number>;

export const emptyCounts = (): OutcomeCounts => ({
  records: 0,
  applied: 0,
  duplicates: 0,
  ignored: 0,
  orphaned: 0,
  rejected: 0,
  failed: 0,
});

/** Counts a list of outcomes. */
export const countOutcomes = (outcomes: readonly Outcome[]): OutcomeCounts => {
  const counts = emptyCounts();
  for (const outcome of outcomes) counts[outcome] += 1;
  counts.records = outcomes.length;
  return counts;
};
