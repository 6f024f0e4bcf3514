import type { ParkedEntry } from './parked-entry';

/** An entry of {@link ParkingLot.park}'s request that did not become durable. */
export interface FailedParking {
  /** Index into the entries given to `park`. */
  index: number;
  error: unknown;
}

/** What a park call made durable: every entry but those in `failed`. */
export interface ParkResult {
  failed: FailedParking[];
}

/**
 * The durable quarantine beside the store (DOMAIN.md rule 10): where a batch
 * puts every record it rejects or orphans, before Lambda is told the record
 * is done. Batch-shaped like the store: one call per batch with every entry,
 * none when there is nothing to park.
 *
 * Contract, which every adapter keeps (the shared parking suite checks it):
 * - each entry is stored under the id of its position (`entryIdOf`, parked-entry.ts): parking the same
 *   position again replaces that entry, never adds a second one;
 * - an entry is durable (would survive the process) when `park` resolves
 *   without it in `failed`;
 * - `park` throws only when it cannot say which entries failed (the caller
 *   then treats them all as failed).
 */
export interface ParkingLot {
  park(entries: readonly ParkedEntry[]): Promise<ParkResult>;
}

/** The environment variable naming the processor's parking bucket (the stack sets it). */
export const PARKING_BUCKET_ENV = 'PARKING_BUCKET';
/** Key prefix of parked entries in the bucket; Lambda's on-failure objects live elsewhere in it. */
export const PARKED_KEY_PREFIX = 'parked/';
