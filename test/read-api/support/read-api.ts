import { createReadApiHandler, type ReadApiHandler } from '../../../lambda/read-api/create-read-api-handler';
import { fixedNextTokenKey, type NextTokenKeySource } from '../../../lambda/read-api/next-token-key';
import type { ReadApiResponse } from '../../../lambda/read-api/responses';
import { captureLogs, type CapturedLogs } from '../../support/log-capture';
import { readEvent, type ReadRequest } from './api-gateway-event';
import type { LocalTable } from './limits-table';

/** The paging-token key the tests sign with (32 bytes). */
export const TEST_TOKEN_KEY = Buffer.alloc(32, 0x5a);

export interface ParsedResponse extends ReadApiResponse {
  json: Record<string, unknown>;
}

export interface TestApi {
  handler: ReadApiHandler;
  logs: CapturedLogs;
  /** Sends the event API Gateway would build for `request`; the body comes back parsed. */
  get(request: ReadRequest): Promise<ParsedResponse>;
}

/** The read API on `table`, logging at INFO into memory, signing tokens with a fixed key or the given source. */
export const createTestApi = (
  table: Pick<LocalTable, 'client' | 'tableName'>,
  nextTokenKey: Buffer | NextTokenKeySource = TEST_TOKEN_KEY,
): TestApi => {
  const logs = captureLogs('INFO');
  const handler = createReadApiHandler({
    client: table.client,
    tableName: table.tableName,
    nextTokenKey: Buffer.isBuffer(nextTokenKey) ? fixedNextTokenKey(nextTokenKey) : nextTokenKey,
    logger: logs.logger,
  });
  return {
    handler,
    logs,
    get: async (request) => {
      const response = await handler(readEvent(request));
      return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
    },
  };
};
