/** The middle value (mean of the two middle values for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Rounded for display and JSON: benchmark noise makes more digits meaningless. */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A figure measured several times: its median and its range. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

/** Median, min and max of one figure's samples. */
export const summarize = (values: readonly number[]): Summary => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});

/** Each round's `numerator / denominator`: ratios paired by round, so that both saw the same machine. */
export const pairedRatios = (numerator: readonly number[], denominator: readonly number[]): number[] =>
  numerator.map((value, round) => value / denominator[round]!);
