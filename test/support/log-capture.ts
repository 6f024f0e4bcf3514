import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

/** A production logger whose output is kept in memory, one entry per log line. */
export interface CapturedLogs {
  logger: Logger;
  /** Every line exactly as it would reach CloudWatch, without the newline. */
  readonly lines: string[];
  /** The lines parsed as JSON. */
  entries(): Array<Record<string, unknown>>;
  clear(): void;
}

/**
 * Builds a Powertools logger at `level` (DEBUG by default, to see every line)
 * writing into memory. Same trick as tools/stderr-logger.ts: swap the Console.
 */
export const captureLogs = (level: LogLevel = 'DEBUG'): CapturedLogs => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.length > 0) lines.push(line);
      done();
    },
  });
  const logger = new Logger({ serviceName: 'user-limits-processor', logLevel: level });
  Reflect.set(logger, 'console', new Console({ stdout: sink, stderr: sink }));
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      lines.length = 0;
    },
  };
};
