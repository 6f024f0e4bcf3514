import type { UserLimit } from '../../lambda/domain/user-limit';
import { emptyCounts, OUTCOMES, type OutcomeCounts } from '../../lambda/processor/pipeline/outcome';

/** JSON with keys sorted, so that two limits compare by content, not by key order. */
const canonical = (limit: UserLimit): string =>
  JSON.stringify(Object.fromEntries(Object.entries(limit).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/**
 * User limits that differ between two states: present in only one, or
 * present in both with any field different. 0 means the states are equal.
 */
export const countMismatches = (left: readonly UserLimit[], right: readonly UserLimit[]): number => {
  const rightById = new Map(right.map((limit) => [limit.userLimitId, canonical(limit)]));
  let mismatches = 0;
  for (const limit of left) {
    const other = rightById.get(limit.userLimitId);
    if (other === undefined || other !== canonical(limit)) mismatches += 1;
    rightById.delete(limit.userLimitId);
  }
  return mismatches + rightById.size;
};

/** Adds per-shard counters into one summary, as for one mapping over the stream. */
export const sumCounts = (parts: readonly OutcomeCounts[]): OutcomeCounts => {
  const total = emptyCounts();
  for (const part of parts) {
    total.records += part.records;
    for (const outcome of OUTCOMES) total[outcome] += part[outcome];
  }
  return total;
};

/** Whether two summaries have the same count for `records` and every outcome. */
export const sameCounts = (left: OutcomeCounts, right: OutcomeCounts): boolean =>
  left.records === right.records && OUTCOMES.every((outcome) => left[outcome] === right[outcome]);
