import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';

/**
 * The production logger, printing to stderr so that a tool's stdout carries
 * only its own output. Level: POWERTOOLS_LOG_LEVEL, else `defaultLevel`.
 */
export const createStderrLogger = (defaultLevel: LogLevel = 'WARN'): Logger => {
  const logger = new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME,
    logLevel: (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? defaultLevel,
  });
  // Powertools keeps its Console in a TS-private field; a test guards this.
  Reflect.set(logger, 'console', new Console({ stdout: process.stderr, stderr: process.stderr }));
  return logger;
};
