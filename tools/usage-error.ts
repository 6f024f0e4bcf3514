/** A bad argument or input file: the CLI prints the message on one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs a CLI's main, turning a UsageError into one line on stderr and exit code 2. */
export const runCli = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
};
