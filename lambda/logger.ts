import { Logger } from '@aws-lambda-powertools/logger';

/** Used when POWERTOOLS_SERVICE_NAME is not set (local tools); the stack always sets it. */
export const DEFAULT_SERVICE_NAME = 'user-limits-processor';

/** Lambda sets it to the function's application log level (LoggingConfig, advanced logging controls). */
const LAMBDA_LOG_LEVEL = 'AWS_LAMBDA_LOG_LEVEL';

const samplesDebug = (): boolean => Number(process.env.POWERTOOLS_LOGGER_SAMPLE_RATE ?? 0) > 0;

/**
 * Service name, level and DEBUG sample rate come from POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_LOG_LEVEL and POWERTOOLS_LOGGER_SAMPLE_RATE.
 *
 * Without sampling, Lambda's level (AWS_LAMBDA_LOG_LEVEL) and POWERTOOLS_LOG_LEVEL
 * are the same `logLevel` prop, and Powertools honours Lambda's. With sampling,
 * the stack sets Lambda's level to DEBUG so that the sampled lines pass
 * Lambda's filter; Powertools (2.35) would take that DEBUG as its own level and
 * log DEBUG on every invocation (aws-powertools/powertools-lambda-python#7220
 * describes the same precedence). Powertools reads Lambda's level only while
 * it is constructed, so the logger is built without it: its base level is
 * POWERTOOLS_LOG_LEVEL, and sampled invocations rise to DEBUG.
 */
export const createLogger = (defaultServiceName: string = DEFAULT_SERVICE_NAME): Logger => {
  const lambdaLevel = process.env[LAMBDA_LOG_LEVEL];
  const hideLambdaLevel = lambdaLevel !== undefined && samplesDebug();
  if (hideLambdaLevel) delete process.env[LAMBDA_LOG_LEVEL];
  try {
    return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || defaultServiceName });
  } finally {
    if (hideLambdaLevel) process.env[LAMBDA_LOG_LEVEL] = lambdaLevel;
  }
};
