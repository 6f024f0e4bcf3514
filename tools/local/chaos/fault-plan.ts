import { seededRandom } from './seeded-random';

/**
 * What can go wrong with one DynamoDB request:
 * - `throttling`: 400 ProvisionedThroughputExceededException / ThrottlingException (nothing applied);
 * - `server-error`: 500 InternalServerError (nothing applied);
 * - `timeout`: no answer within the request timeout (nothing applied);
 * - `lost-response`: the request IS applied, but its response never arrives (connection reset).
 */
export const FAULT_KINDS = ['throttling', 'server-error', 'timeout', 'lost-response'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The two throttling error codes DynamoDB sends; the SDK's standard retry treats both as throttling. */
export const THROTTLING_CODES = ['ProvisionedThroughputExceededException', 'ThrottlingException'] as const;
export type ThrottlingCode = (typeof THROTTLING_CODES)[number];

/** The fate of one request: it goes through, or one fault (with its throttling code when throttled). */
export type FaultDecision = { kind: 'none' } | { kind: Exclude<FaultKind, 'throttling'> } | { kind: 'throttling'; code: ThrottlingCode };

export interface FaultPlanOptions {
  /** Chance that a request fails, 0 ≤ P < 1 (1 would fail every retry too: nothing could ever succeed). */
  probability: number;
  /** The same seed gives the same sequence of decisions. */
  seed: number;
  /** Which faults to choose among, evenly. Default: all four. */
  kinds?: readonly FaultKind[];
}

/**
 * A seeded source of fault decisions, one per request in the order asked.
 * One random draw per request: below P it picks the kind (and, for
 * throttling, the code) from where in [0, P) it fell; so the sequence
 * depends only on the seed and on how many requests came before.
 */
export const createFaultPlan = (options: FaultPlanOptions): (() => FaultDecision) => {
  const { probability } = options;
  const kinds = options.kinds ?? FAULT_KINDS;
  if (!(probability >= 0 && probability < 1)) throw new RangeError(`fault probability must be ≥ 0 and < 1, got ${probability}`);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`fault seed must be an integer, got ${options.seed}`);
  if (kinds.length === 0) throw new RangeError('at least one fault kind is needed');
  const random = seededRandom(options.seed);
  return () => {
    const draw = random();
    if (draw >= probability) return { kind: 'none' };
    const position = (draw / probability) * kinds.length;
    const kind = kinds[Math.min(Math.floor(position), kinds.length - 1)]!;
    if (kind !== 'throttling') return { kind };
    return { kind, code: THROTTLING_CODES[position - Math.floor(position) < 0.5 ? 0 : 1] };
  };
};
