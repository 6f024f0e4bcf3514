import { createLogger } from '../../lambda/logger';
import { createHandler } from '../../lambda/processor/create-handler';
import { createReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { fixedNextTokenKey } from '../../lambda/read-api/next-token-key';
import { createDocumentClient } from '../../lambda/store/dynamodb/document-client';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { created } from '../core/helpers/events';
import { recordOf } from '../core/helpers/harness';
import { readEvent } from '../read-api/support/api-gateway-event';
import { TEST_TOKEN_KEY } from '../read-api/support/read-api';
import { captureLogs } from '../support/log-capture';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** A logger at INFO whose sample rate (POWERTOOLS_LOGGER_SAMPLE_RATE=1) samples every invocation, set back to INFO after its cold-start decision. */
const alwaysSampledLogger = () => {
  process.env.POWERTOOLS_LOGGER_SAMPLE_RATE = '1';
  const logs = captureLogs('INFO');
  logs.logger.setLogLevel('INFO');
  logs.clear();
  return logs;
};

const debugLines = (logs: ReturnType<typeof captureLogs>) => logs.entries().filter((entry) => entry.level === 'DEBUG');

describe('DEBUG log sampling is decided again per invocation', () => {
  test('processor: the warm invocation is sampled (its records logged at DEBUG)', async () => {
    const logs = alwaysSampledLogger();
    const handler = createHandler({ store: new InMemoryUserLimitStore(), logger: logs.logger });
    await handler({ Records: [recordOf(created(1))] }); // cold start: Powertools keeps the constructor's decision
    expect(debugLines(logs)).toEqual([]);
    await handler({ Records: [recordOf(created(2))] });
    expect(debugLines(logs).map((line) => line.message)).toEqual(['Setting log level to DEBUG due to sampling rate', 'Record applied']);
  });

  test('read API: the warm request is sampled', async () => {
    const logs = alwaysSampledLogger();
    const handler = createReadApiHandler({
      client: createDocumentClient({ tableName: 't', endpoint: 'http://127.0.0.1:1', region: 'eu-west-1' }),
      tableName: 't',
      nextTokenKey: fixedNextTokenKey(TEST_TOKEN_KEY),
      logger: logs.logger,
    });
    await handler(readEvent({ userId: 'alice', claims: null })); // 401, no DynamoDB call
    expect(debugLines(logs)).toEqual([]);
    await handler(readEvent({ userId: 'alice', claims: null }));
    expect(debugLines(logs).map((line) => line.message)).toEqual(['Setting log level to DEBUG due to sampling rate']);
  });
});

describe("the logger and Lambda's log level (LoggingConfig ApplicationLogLevel → AWS_LAMBDA_LOG_LEVEL)", () => {
  test("Powertools takes Lambda's level over POWERTOOLS_LOG_LEVEL: nothing for the runtime to reconcile", () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    expect(createLogger().getLevelName()).toBe('WARN');
  });

  test("with Lambda's level set, sampling cannot raise the logger to DEBUG (Lambda would drop the lines anyway)", async () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
    const logs = alwaysSampledLogger();
    const handler = createHandler({ store: new InMemoryUserLimitStore(), logger: logs.logger });
    await handler({ Records: [recordOf(created(1))] });
    await handler({ Records: [recordOf(created(2))] });
    expect(logs.logger.getLevelName()).toBe('INFO');
    expect(debugLines(logs)).toEqual([]);
  });
});
