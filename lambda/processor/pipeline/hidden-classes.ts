/*
 * Why the record loop keeps some objects after they are used.
 *
 * V8 gives every object a hidden class (its shape), reached from a root
 * through transitions that it holds weakly: a full garbage collection frees
 * the hidden classes of which no object is alive, and throws away every
 * function optimized for them (`node --trace-deopt` says "weak objects").
 * Between two batches no object of the record loop is alive: not the
 * parsed records, not the batch state, not the read records. After a full
 * collection the next batch ran unoptimized until V8 had recompiled the loop
 * in the middle of it. With the objects below kept (about one read chunk
 * of records, and one batch's state), a 10,000-record batch after a full
 * collection took 25.7 ms instead of 38.5 (median of 12, in process, the
 * benchmark's workload), and one without 28.8 instead of 32.8.
 */

/** The last batch's state and read records: every shape of the batch loop. */
const lastBatch: { objects: readonly unknown[] } = { objects: [] };

/** The last parsed record of each event type of ours (one entry per route): the JSON shapes the checks and rules read. */
const lastRecordByRoute = new Map<unknown, object>();

/** Keeps `objects` alive until the next batch calls this again. Once per batch. */
export const keepUntilNextBatch = (...objects: unknown[]): void => {
  lastBatch.objects = objects;
};

/** Keeps the last record routed to `route`. Bounded: routes are the handful of event types of ours. */
export const keepRecordShapes = (route: unknown, parsed: object): void => {
  lastRecordByRoute.set(route, parsed);
};
