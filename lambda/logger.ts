import { Logger } from '@aws-lambda-powertools/logger';

/** Used when POWERTOOLS_SERVICE_NAME is not set (local tools); the stack always sets it. */
export const DEFAULT_SERVICE_NAME = 'user-limits-processor';

/** Service name and level come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL. */
export const createLogger = (): Logger => new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME });
