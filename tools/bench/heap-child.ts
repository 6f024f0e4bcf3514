import { collectGarbage, serveParent } from './child-process';
import { heapBatches } from './heap-per-limit';
import { expectNoFailures, lambdaContext, loadFreshBundle } from './variants';

/** Keeps the measured module (and its store) reachable through the last collection. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read: being reachable is its whole job.
let retained: unknown;

/**
 * Each batch is built, handled and dropped in turn: only what the handler
 * keeps stays on the heap. A function of its own, so that no local of the
 * measuring frame still holds the last batch (about 11 MB for 10,000 records) at the measure.
 */
const feed = async (handler: ReturnType<typeof loadFreshBundle>['handler'], count: number): Promise<void> => {
  for (const event of heapBatches(count)) expectNoFailures('the handler', await handler(event, lambdaContext()));
};

/* The bytesPerLimit process (started by heap-per-limit.ts): one measure, one answer. */
serveParent(
  async (argument) => argument as { bundlePath: string; count: number },
  async ({ bundlePath, count }) => {
    const bundle = loadFreshBundle(bundlePath);
    retained = bundle;
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    await feed(bundle.handler, count);
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    const stored = bundle.store.snapshot();
    if (stored.length !== count || stored.some((limit) => limit.progress === undefined || Number(limit.progress) === 0)) {
      throw new Error(`expected ${count} moved limits in the store, found ${stored.length}`);
    }
    return (after - before) / count;
  },
);
