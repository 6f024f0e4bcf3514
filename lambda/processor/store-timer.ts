import type {
  BatchChanges,
  CommitResult,
  StorageCandidate,
  UserLimitStore,
  WorkingSet,
  WorkingSetRequest,
} from '../store/user-limit-store';

/**
 * A store whose I/O is timed: {@link StoreTimer.elapsedMs} is the wall time
 * during which a `load` or `commit` was pending (overlapping calls count
 * once). Made per invocation, so concurrent invocations in one process (the
 * local tools) never share a clock. `unstorableReason` is a pure check, not
 * I/O, and is not timed.
 */
export class StoreTimer implements UserLimitStore {
  #pending = 0;
  #busySince = 0;
  #busyMs = 0;

  constructor(private readonly inner: UserLimitStore) {}

  load(request: WorkingSetRequest): Promise<WorkingSet> {
    return this.#timed(() => this.inner.load(request));
  }

  commit(changes: BatchChanges): Promise<CommitResult> {
    return this.#timed(() => this.inner.commit(changes));
  }

  unstorableReason(candidate: StorageCandidate): string | undefined {
    return this.inner.unstorableReason(candidate);
  }

  /** Store time so far; a call still pending (the batch's deadline passed) counts up to now. */
  elapsedMs(): number {
    return this.#busyMs + (this.#pending > 0 ? performance.now() - this.#busySince : 0);
  }

  async #timed<T>(call: () => Promise<T>): Promise<T> {
    if (this.#pending++ === 0) this.#busySince = performance.now();
    try {
      return await call();
    } finally {
      if (--this.#pending === 0) this.#busyMs += performance.now() - this.#busySince;
    }
  }
}
