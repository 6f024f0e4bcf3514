import { closeSync, openSync, writeSync } from 'node:fs';

type Write = typeof process.stdout.write;

/**
 * Runs `work` with process.stdout and process.stderr writes sent to
 * /dev/null. The handler logs as deployed (its Powertools logger writes to
 * the process streams) and still pays for each write system call, but its
 * lines never reach the benchmark's own output.
 */
export const withQuietStdio = async <T>(work: () => Promise<T>): Promise<T> => {
  const devNull = openSync('/dev/null', 'w');
  const sink = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    if (typeof chunk === 'string') writeSync(devNull, chunk);
    else writeSync(devNull, chunk);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }) as Write;
  // Saved unbound on purpose: put back on the same objects below, so `this` is right again.
  /* eslint-disable @typescript-eslint/unbound-method */
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  /* eslint-enable @typescript-eslint/unbound-method */
  process.stdout.write = sink;
  process.stderr.write = sink;
  try {
    return await work();
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    closeSync(devNull);
  }
};
