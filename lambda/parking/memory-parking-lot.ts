import { entryIdOf, type ParkedEntry } from './parked-entry';
import type { ParkingLot, ParkResult } from './parking-lot';

/**
 * {@link ParkingLot} in process memory: the embedded default beside the
 * in-memory store, and the tests'. Lost with the process, like that store.
 */
export class MemoryParkingLot implements ParkingLot {
  readonly #entries = new Map<string, ParkedEntry>();

  async park(entries: readonly ParkedEntry[]): Promise<ParkResult> {
    for (const entry of entries) this.#entries.set(entryIdOf(entry), entry);
    return { failed: [] };
  }

  /** Every entry, in the order first parked; for tools and tests. */
  entries(): ParkedEntry[] {
    return [...this.#entries.values()];
  }
}
