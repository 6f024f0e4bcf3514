import type { Template } from 'aws-cdk-lib/assertions';
import { createLogger } from '../../lambda/logger';
import { LOG_LEVELS, type LogLevel } from '../../infra/log-levels';
import { FUNCTION_LOGICAL_ID } from '../../infra/processor-function';
import { READ_API_FUNCTION_LOGICAL_ID } from '../../infra/read-api-function';
import type { UserLimitsStackProps } from '../../infra/stack-props';
import { synthStack } from './cdk-app';

interface FunctionProperties {
  LoggingConfig: { LogFormat: string; ApplicationLogLevel: string; SystemLogLevel: string; LogGroup: { Ref: string } };
  Environment: { Variables: Record<string, unknown> };
}

const functionsOf = (template: Template): Record<string, FunctionProperties> =>
  Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, resource]) => [
      id,
      (resource as { Properties: FunctionProperties }).Properties,
    ]),
  );

/** What each logLevel becomes in Lambda's filter: application (Powertools' CRITICAL is Lambda's FATAL) and system (DEBUG/INFO/WARN only). */
const EXPECTED: Record<LogLevel, [string, string]> = {
  TRACE: ['TRACE', 'DEBUG'],
  DEBUG: ['DEBUG', 'DEBUG'],
  INFO: ['INFO', 'INFO'],
  WARN: ['WARN', 'WARN'],
  ERROR: ['ERROR', 'WARN'],
  CRITICAL: ['FATAL', 'WARN'],
};

describe('Lambda logging config on both functions', () => {
  test.each(LOG_LEVELS)('logLevel %s: JSON, the matching application and system levels, the stack’s own log group', (logLevel) => {
    const { template } = synthStack({ store: 'dynamodb', logLevel });
    const functions = functionsOf(template);
    const logGroups = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    expect(Object.keys(functions).sort()).toEqual([FUNCTION_LOGICAL_ID, READ_API_FUNCTION_LOGICAL_ID].sort());
    for (const properties of Object.values(functions)) {
      const [application, system] = EXPECTED[logLevel];
      expect(properties.LoggingConfig).toEqual({
        LogFormat: 'JSON',
        ApplicationLogLevel: application,
        SystemLogLevel: system,
        LogGroup: { Ref: expect.any(String) },
      });
      // The explicit group the stack creates (retention, retained on delete), not Lambda's default /aws/lambda/<name>.
      expect(logGroups).toContain(properties.LoggingConfig.LogGroup.Ref);
      expect(properties.Environment.Variables).toMatchObject({ POWERTOOLS_LOG_LEVEL: logLevel, POWERTOOLS_LOGGER_SAMPLE_RATE: '0' });
    }
  });

  test('with DEBUG sampling, Lambda lets DEBUG through while Powertools keeps the configured level', () => {
    const { template } = synthStack({ store: 'dynamodb', logLevel: 'WARN', logSampleRate: 0.05 });
    for (const properties of Object.values(functionsOf(template))) {
      expect(properties.LoggingConfig).toMatchObject({ ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' });
      expect(properties.Environment.Variables).toMatchObject({ POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_LOGGER_SAMPLE_RATE: '0.05' });
    }
  });

  test('the metrics namespace reaches both functions', () => {
    const { template } = synthStack({ store: 'dynamodb', metricsNamespace: 'Limits/Prod' });
    for (const properties of Object.values(functionsOf(template))) {
      expect(properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('Limits/Prod');
    }
  });
});

/**
 * The processor's logger built as Lambda would start it from the template:
 * the function's variables plus AWS_LAMBDA_LOG_LEVEL, which Lambda sets to the
 * application log level. Returns its level and everything it wrote meanwhile.
 */
const loggerUnderLambda = (
  props: UserLimitsStackProps,
  invocations: (logger: ReturnType<typeof createLogger>) => void = () => undefined,
): { level: string; output: string; environment: NodeJS.ProcessEnv } => {
  const { template } = synthStack(props);
  const properties = functionsOf(template)[FUNCTION_LOGICAL_ID]!;
  const variables = { ...properties.Environment.Variables, AWS_LAMBDA_LOG_LEVEL: properties.LoggingConfig.ApplicationLogLevel };
  const saved = { ...process.env };
  const output: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => output.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => output.push(String(chunk)) > 0);
  try {
    for (const [key, value] of Object.entries(variables)) process.env[key] = String(value);
    const logger = createLogger();
    logger.info('started');
    const level = logger.getLevelName();
    invocations(logger);
    return { level, output: output.join(''), environment: { ...process.env } };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.env = saved;
  }
};

describe('Powertools agrees with Lambda (no "does not match AWS Lambda Advanced Logging Controls" warning)', () => {
  test.each(LOG_LEVELS)('logLevel %s without sampling: the logger runs at that level, silently', (logLevel) => {
    const { level, output } = loggerUnderLambda({ logLevel });
    expect(level).toBe(logLevel);
    expect(output).not.toMatch(/does not match/);
  });

  test.each(['INFO', 'WARN', 'ERROR'] as const)('logLevel %s sampling every invocation: no mismatch warning', (logLevel) => {
    expect(loggerUnderLambda({ logLevel, logSampleRate: 1 }).output).not.toMatch(/does not match/);
  });
});

describe('DEBUG sampling under Lambda (application level DEBUG, so the sampled lines pass its filter)', () => {
  test('logSampleRate 0.1: about one invocation in ten logs DEBUG, the others stay at logLevel', () => {
    const levels: string[] = [];
    loggerUnderLambda({ logLevel: 'INFO', logSampleRate: 0.1 }, (logger) => {
      for (let i = 0; i < 2_000; i += 1) {
        logger.refreshSampleRateCalculation();
        levels.push(logger.getLevelName());
      }
    });
    expect(new Set(levels)).toEqual(new Set(['INFO', 'DEBUG']));
    const sampled = levels.filter((level) => level === 'DEBUG').length;
    // Powertools draws randomInt(0, 100) / 100 <= rate: 11 % for 0.1. Mean 220, sd 14: these bounds are 8 sd away.
    expect(sampled).toBeGreaterThan(110);
    expect(sampled).toBeLessThan(330);
  });

  test("Lambda's level is back in the environment once the logger is built", () => {
    const { environment } = loggerUnderLambda({ logLevel: 'INFO', logSampleRate: 0.1 });
    expect(environment.AWS_LAMBDA_LOG_LEVEL).toBe('DEBUG');
  });
});
