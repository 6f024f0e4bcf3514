import { Logger, type LogItem } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions, LogLevel } from '@aws-lambda-powertools/logger/types';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';

/**
 * A Powertools Logger class whose lines go to `stream`, one JSON object per
 * line, whatever their level. It overrides `printLog`, the protected hook
 * Powertools gives subclasses for printing (there is no public option for the
 * output stream); `override` makes the compiler refuse an upgrade that
 * renames or reshapes it. The stream is closed over rather than a field,
 * because Powertools may print from inside its own constructor.
 */
const loggerWritingTo = (stream: NodeJS.WritableStream) => {
  class StreamLogger extends Logger {
    protected override printLog(_logLevel: number, log: LogItem): void {
      log.prepareForPrint();
      stream.write(`${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`);
    }

    /** Children (`createChild`) print to the same stream. */
    protected override createLogger(options?: ConstructorOptions): Logger {
      return new StreamLogger(options);
    }
  }
  return StreamLogger;
};

/** The production logger at `level`, printing to `stream` instead of stdout. */
export const createLoggerTo = (stream: NodeJS.WritableStream, level: LogLevel): Logger => {
  const StreamLogger = loggerWritingTo(stream);
  return new StreamLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME, logLevel: level });
};

/**
 * The production logger on stderr, so that a tool's stdout carries only its
 * own output. Level: POWERTOOLS_LOG_LEVEL, else `defaultLevel`.
 */
export const createStderrLogger = (defaultLevel: LogLevel = 'WARN'): Logger =>
  createLoggerTo(process.stderr, (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? defaultLevel);
