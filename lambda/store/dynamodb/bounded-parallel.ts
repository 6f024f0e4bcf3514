/**
 * Runs `task` over every item with at most `concurrency` at a time and
 * returns the results in input order. Hand-written (12 lines) because the
 * well-kept packages for it (p-limit, p-map) are ESM-only and would not load
 * in this CommonJS build and its tests.
 */
export const mapBounded = async <T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
};
