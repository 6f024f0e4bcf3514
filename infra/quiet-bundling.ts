/** What aws-cdk-lib's AssetStaging writes to stderr, unconditionally, before bundling each asset. */
const BUNDLING_NOTICE = /^Bundling asset \S+\.\.\.\r?\n$/;

/**
 * Runs `work` with aws-cdk-lib's "Bundling asset <path>..." notices dropped
 * from stderr (they would fill `cdk synth --quiet` and test output; esbuild's
 * own output is already off, infra/bundling.ts). Every other write, bundling
 * errors included, goes through unchanged.
 */
export const withoutBundlingNotices = <T>(work: () => T): T => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with `this` below, and put back on the same object.
  const write = process.stderr.write;
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && BUNDLING_NOTICE.test(chunk)) return true;
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  try {
    return work();
  } finally {
    process.stderr.write = write;
  }
};
