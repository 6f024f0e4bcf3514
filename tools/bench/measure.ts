import { median } from './statistics';
import type { Variant } from './variants';

export interface MeasureOptions {
  /** Untimed rounds before the timed ones. */
  warmupRounds: number;
  /** Timed rounds: every variant runs once per round. */
  rounds: number;
}

const collectGarbage = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

/**
 * Times the variants interleaved (A, B, C, A, B, C, …) so that drift in the
 * machine's speed hits all of them alike; garbage is collected before each
 * run so that no variant pays for another's garbage. Median per variant, in ms.
 */
export const measureInterleaved = async (variants: readonly Variant[], options: MeasureOptions): Promise<Record<string, number>> => {
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < options.warmupRounds + options.rounds; round += 1) {
    for (const variant of variants) {
      const run = await variant.prepare();
      collectGarbage();
      const start = performance.now();
      await run();
      const elapsed = performance.now() - start;
      if (round >= options.warmupRounds) samples.get(variant.name)!.push(elapsed);
    }
  }
  return Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]));
};
