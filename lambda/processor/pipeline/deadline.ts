import type { Context } from 'aws-lambda';

/**
 * Time kept back from the invocation's remaining time: enough to log the
 * failure and return the partial-batch response before Lambda's timeout kills
 * the invocation (which would fail the whole batch without a word).
 */
export const DEADLINE_SAFETY_MARGIN_MS = 1_500;

/** The store did not answer before the invocation's deadline. */
export class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
}

/** One timer for a whole batch. */
export interface Deadline {
  /** Rejects with {@link StoreDeadlineError} once the budget is spent; never resolves. */
  readonly expired: Promise<never>;
  /** Whether the budget is spent. */
  readonly passed: boolean;
  /** Stops the timer; call it when the batch is done. */
  cancel(): void;
}

/** Node fires a longer timeout after 1 ms, so longer budgets are capped (24.8 days is no deadline anyway). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const deadlineError = () => new StoreDeadlineError(`store call still pending ${DEADLINE_SAFETY_MARGIN_MS} ms before the Lambda timeout`);

/**
 * Starts a deadline `budgetMs` from now (at the next timer tick when the
 * budget is not positive). `expired` is marked handled, so a deadline nobody
 * raced against never becomes an unhandled rejection.
 */
export const startDeadline = (budgetMs: number): Deadline => {
  let timer: NodeJS.Timeout | undefined;
  let passed = false;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        passed = true;
        reject(deadlineError());
      },
      Math.min(Math.max(0, budgetMs), MAX_TIMER_MS),
    );
  });
  expired.catch(() => undefined);
  return {
    expired,
    get passed() {
      return passed;
    },
    cancel: () => clearTimeout(timer),
  };
};

/**
 * The batch's time budget: remaining time minus the margin. Undefined without
 * a context (local tools) or when the context gives no finite time.
 */
export const batchBudgetMs = (context: Context | undefined): number | undefined => {
  if (typeof context?.getRemainingTimeInMillis !== 'function') return undefined;
  const remaining = context.getRemainingTimeInMillis();
  return Number.isFinite(remaining) ? remaining - DEADLINE_SAFETY_MARGIN_MS : undefined;
};

/**
 * `work`, or the deadline's {@link StoreDeadlineError} if it passes first.
 * The work is not cancelled: a load that answers late is dropped, and a
 * commit that lands late is harmless because every write is conditional on
 * sequence numbers (a newer state is never replaced).
 */
export const withinDeadline = <T>(work: Promise<T>, deadline: Deadline | undefined): Promise<T> =>
  deadline === undefined ? work : Promise.race([work, deadline.expired]);
