import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Where the table is; in Lambda only `tableName` is set and the SDK finds the rest. */
export interface TableConnection {
  tableName: string;
  /** A local DynamoDB-compatible endpoint (dynalite), e.g. `http://127.0.0.1:8000`. */
  endpoint?: string;
  region?: string;
  /** Attempts per request, SDK standard retry mode (throttling, 5xx, timeouts). Default 3. */
  maxAttempts?: number;
  /** Give up waiting for one response after this long. Default 5000 ms. */
  requestTimeoutMs?: number;
}

/**
 * A DocumentClient (JS numbers and strings, no attribute-value wrappers) on
 * HTTP/1.1 keep-alive. With an explicit endpoint (local), dummy credentials.
 */
export const createDocumentClient = (connection: TableConnection): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: connection.endpoint,
      region: connection.region ?? process.env.AWS_REGION ?? 'eu-west-1',
      credentials: connection.endpoint === undefined ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' },
      retryMode: 'standard',
      maxAttempts: connection.maxAttempts ?? 3,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: 2_000,
        requestTimeout: connection.requestTimeoutMs ?? 5_000,
      }),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
