import { ApplicationLogLevel, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';

/**
 * The `logLevel` prop: Powertools Logger's levels that Lambda's log-level
 * filtering can also express. Powertools' SILENT has no Lambda counterpart
 * (Lambda's least verbose level, FATAL, still passes CRITICAL lines), so it is
 * not offered: the two would disagree.
 */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL';

/** Every log level, most verbose first (the order error messages list them). */
export const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'];

/** Powertools' CRITICAL is Lambda's FATAL (Powertools maps AWS_LAMBDA_LOG_LEVEL=FATAL back to CRITICAL). */
const APPLICATION_LEVEL: Readonly<Record<LogLevel, ApplicationLogLevel>> = {
  TRACE: ApplicationLogLevel.TRACE,
  DEBUG: ApplicationLogLevel.DEBUG,
  INFO: ApplicationLogLevel.INFO,
  WARN: ApplicationLogLevel.WARN,
  ERROR: ApplicationLogLevel.ERROR,
  CRITICAL: ApplicationLogLevel.FATAL,
};

/** Lambda's own lines (START, END, REPORT are INFO) know only DEBUG, INFO and WARN. */
const SYSTEM_LEVEL: Readonly<Record<LogLevel, SystemLogLevel>> = {
  TRACE: SystemLogLevel.DEBUG,
  DEBUG: SystemLogLevel.DEBUG,
  INFO: SystemLogLevel.INFO,
  WARN: SystemLogLevel.WARN,
  ERROR: SystemLogLevel.WARN,
  CRITICAL: SystemLogLevel.WARN,
};

/** Lambda's log-level filtering (advanced logging controls) for one function. */
export interface LambdaLogLevels {
  readonly application: ApplicationLogLevel;
  readonly system: SystemLogLevel;
}

/** True when `level` already logs DEBUG lines, so sampling could add nothing. */
export const logsDebug = (level: LogLevel): boolean => level === 'TRACE' || level === 'DEBUG';

/**
 * Lambda's filter levels for a function logging at `logLevel` that samples
 * DEBUG on a fraction `sampleRate` of invocations. Lambda drops every line
 * below its application level, so with sampling on that level must be DEBUG,
 * or the sampled DEBUG lines would be dropped after Powertools wrote them.
 * Powertools (2.35) takes AWS_LAMBDA_LOG_LEVEL, which Lambda sets to this
 * level, over POWERTOOLS_LOG_LEVEL: README, "Operations", says what that
 * means for sampling.
 */
export const lambdaLogLevels = (logLevel: LogLevel, sampleRate: number): LambdaLogLevels => ({
  application: sampleRate > 0 && !logsDebug(logLevel) ? ApplicationLogLevel.DEBUG : APPLICATION_LEVEL[logLevel],
  system: SYSTEM_LEVEL[logLevel],
});
