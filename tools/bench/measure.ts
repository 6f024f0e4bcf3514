import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchChild, startChild } from './child-process';
import type { VariantConfig, VariantName } from './variants';

export interface MeasureOptions {
  /** Untimed rounds before the timed ones. */
  warmupRounds: number;
  /** Timed rounds: every variant runs once per round. */
  rounds: number;
  /** Called after each round with its number (from 1) and what it measured. */
  onRound?: (round: number, samples: Record<string, number>) => void;
}

const VARIANT_CHILD = join(__dirname, 'variant-child.ts');

/**
 * Times each variant in its own child process (a fresh heap: no variant
 * pays for another's garbage or old generation), rounds interleaved across
 * the processes one at a time, the order rotated each round so that no
 * variant always runs first or after the same neighbour. Returns each
 * variant's timed samples in ms, index = round, so figures can be paired by round.
 */
export const measureVariants = async (
  names: readonly VariantName[],
  config: VariantConfig,
  options: MeasureOptions,
): Promise<Record<VariantName, number[]>> => {
  const logDirectory = mkdtempSync(join(tmpdir(), 'bench-logs-'));
  const children = new Map<VariantName, BenchChild>(
    names.map((name) => [name, startChild(VARIANT_CHILD, name, { name, config }, logDirectory)]),
  );
  try {
    await Promise.all([...children.values()].map((child) => child.ready));
    const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<VariantName, number[]>;
    for (let round = 0; round < options.warmupRounds + options.rounds; round += 1) {
      const measured: Record<string, number> = {};
      for (let turn = 0; turn < names.length; turn += 1) {
        const name = names[(round + turn) % names.length]!;
        measured[name] = await children.get(name)!.request({ round });
      }
      if (round < options.warmupRounds) continue;
      for (const name of names) samples[name].push(measured[name]!);
      options.onRound?.(round - options.warmupRounds + 1, measured);
    }
    return samples;
  } finally {
    for (const child of children.values()) child.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }
};
