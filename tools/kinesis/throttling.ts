import { setTimeout as delay } from 'node:timers/promises';
import { errorFields, KinesisToolError } from './errors';

/** Error codes with which Kinesis says "slow down"; retrying later helps. */
const THROTTLING_CODES = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ThrottlingException',
  'KMSThrottlingException',
]);

/** Whether an error code (PutRecords' per-record ErrorCode or an exception name) means throttling. */
export const isThrottlingCode = (code: string | undefined): code is string => code !== undefined && THROTTLING_CODES.has(code);

/** How to back off when throttled: exponential with full jitter, capped. */
export interface BackoffOptions {
  /** Throttled attempts in a row before giving up. Default 10. */
  maxAttempts?: number;
  /** First delay's upper bound. Default 100 ms. */
  baseDelayMs?: number;
  /** Largest delay. Default 5000 ms. */
  maxDelayMs?: number;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Sees every throttle before its wait, e.g. to count them. */
  onThrottle?: (event: { operation: string; attempt: number; delayMs: number; code: string }) => void;
}

/** Delay before retry number `attempt` (1-based): random in [0, min(max, base·2^(attempt−1))]. */
export const backoffDelay = (attempt: number, options: BackoffOptions): number => {
  const ceiling = Math.min(options.maxDelayMs ?? 5_000, (options.baseDelayMs ?? 100) * 2 ** (attempt - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
};

/** Sleeps for `ms` with the options' sleep (fake in tests). */
export const pause = (ms: number, options: BackoffOptions): Promise<void> => (options.sleep ?? ((wait) => delay(wait)))(ms);

/** Waits for the attempt's backoff, or throws once `maxAttempts` throttles in a row are reached. */
export const waitAfterThrottle = async (operation: string, attempt: number, code: string, options: BackoffOptions): Promise<void> => {
  const maxAttempts = options.maxAttempts ?? 10;
  if (attempt >= maxAttempts) {
    throw new KinesisToolError(`${operation} still throttled (${code}) after ${maxAttempts} attempts; lower the rate or add shards`);
  }
  const delayMs = backoffDelay(attempt, options);
  options.onThrottle?.({ operation, attempt, delayMs, code });
  await pause(delayMs, options);
};

/**
 * Calls `call`, retrying with exponential backoff while Kinesis throttles
 * it; other errors go to the caller untouched.
 */
export const retryThrottled = async <T>(operation: string, call: () => Promise<T>, options: BackoffOptions = {}): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const code = errorFields(error).name;
      if (!isThrottlingCode(code)) throw error;
      await waitAfterThrottle(operation, attempt, code, options);
    }
  }
};
