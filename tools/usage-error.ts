import { writeSync } from 'node:fs';

/** A bad argument or input file: the CLI prints the message on one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Thrown when the command line asks for `--help` / `-h` (see tools/command-line.ts):
 * {@link runCli} prints `text` on stdout and exits 0. An exception, so that no
 * command goes on to check its other arguments (a missing `--endpoint` must not beat `--help`).
 */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
  constructor(readonly text: string) {
    super('help requested');
  }
}

/**
 * Runs a CLI's main: {@link HelpRequested}
 * prints its text on stdout and exits 0; a UsageError becomes one line on
 * stderr and exit code 2; anything else a stack trace and exit code 1.
 */
export const runCli = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    if (error instanceof HelpRequested) {
      writeSync(1, error.text);
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
};
