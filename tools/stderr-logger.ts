import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';

/** The production logger at `level`, printing to `stream` instead of stdout. */
export const createLoggerTo = (stream: NodeJS.WritableStream, level: LogLevel): Logger => {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME, logLevel: level });
  // Powertools keeps its Console in a TS-private field; the replay CLI test guards this.
  Reflect.set(logger, 'console', new Console({ stdout: stream, stderr: stream }));
  return logger;
};

/**
 * The production logger on stderr, so that a tool's stdout carries only its
 * own output. Level: POWERTOOLS_LOG_LEVEL, else `defaultLevel`.
 */
export const createStderrLogger = (defaultLevel: LogLevel = 'WARN'): Logger =>
  createLoggerTo(process.stderr, (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? defaultLevel);
