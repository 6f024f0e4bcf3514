import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
 * HTTP/1.1 keep-alive (DynamoDB's default handler in Node). With an explicit
 * endpoint (local), dummy credentials.
 */
export const createDocumentClient = (connection: TableConnection): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: connection.endpoint,
      region: connection.region ?? process.env.AWS_REGION ?? 'eu-west-1',
      credentials: connection.endpoint === undefined ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' },
      retryMode: 'standard',
      maxAttempts: connection.maxAttempts ?? 3,
      // Options, not a handler instance: the SDK builds its default HTTP/1.1 handler from them, so the
      // bundle does not carry a second copy of @smithy's HTTP stack next to the runtime's SDK.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: connection.requestTimeoutMs ?? 5_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
