import { Writable } from 'node:stream';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { createLoggerTo } from '../../tools/stderr-logger';

/** A production logger whose output is kept in memory, one entry per log line. */
export interface CapturedLogs {
  logger: Logger;
  /** Every line exactly as it would reach CloudWatch, without the newline. */
  readonly lines: string[];
  /** The same lines parsed as JSON, kept up to date as lines arrive. */
  readonly parsed: Array<Record<string, unknown>>;
  /** The lines parsed as JSON. */
  entries(): Array<Record<string, unknown>>;
  clear(): void;
}

/**
 * Builds a Powertools logger at `level` (DEBUG by default, to see every line)
 * writing into memory (the tools' logger, pointed at a buffer).
 */
export const captureLogs = (level: LogLevel = 'DEBUG'): CapturedLogs => {
  const lines: string[] = [];
  const parsed: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.length === 0) continue;
        lines.push(line);
        parsed.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLoggerTo(sink, level);
  return {
    logger,
    lines,
    parsed,
    entries: () => [...parsed],
    clear: () => {
      lines.length = 0;
      parsed.length = 0;
    },
  };
};
