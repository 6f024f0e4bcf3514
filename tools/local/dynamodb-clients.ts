import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ChaosHttpHandler, type ChaosOptions } from './chaos/chaos-handler';
import type { SdkHttpHandler } from './http-layer';
import { LatencyHttpHandler } from './latency-handler';
import { RequestCountingHttpHandler } from './request-counter';

export interface LocalClientOptions {
  /** A local DynamoDB-compatible endpoint, e.g. dynalite's `http://127.0.0.1:41234`. */
  endpoint: string;
  /** Fail a seeded share of requests (see ChaosHttpHandler). Absent or probability 0: no faults. */
  chaos?: ChaosOptions;
  /** Added to every request, in ms (see LatencyHttpHandler). Default 0. */
  latencyMs?: number;
  /** SDK attempts per request (standard retry mode). Default 3, as in the Lambda's client. */
  maxAttempts?: number;
  /** NodeHttpHandler's requestTimeout. Default 5,000 ms, as in the Lambda's client. */
  requestTimeoutMs?: number;
}

/** A DynamoDB client whose every HTTP request goes through the local layers. */
export interface LocalClients {
  client: DynamoDBClient;
  /** Same settings as the Lambda's DocumentClient (`removeUndefinedValues`). */
  documentClient: DynamoDBDocumentClient;
  /** Every request the SDK sent, per operation, retries included. */
  requests: RequestCountingHttpHandler;
  /** Present when faults were asked for. */
  chaos?: ChaosHttpHandler;
  destroy(): void;
}

/**
 * The Lambda's client settings (standard retry, keep-alive NodeHttpHandler,
 * dummy credentials for a local endpoint) with layers in front of the
 * network: counting (outermost: every attempt the SDK makes), latency, chaos.
 */
export const createLocalClients = (options: LocalClientOptions): LocalClients => {
  let handler: SdkHttpHandler = new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: options.requestTimeoutMs ?? 5_000 });
  const chaos = options.chaos !== undefined && options.chaos.probability > 0 ? new ChaosHttpHandler(handler, options.chaos) : undefined;
  if (chaos !== undefined) handler = chaos;
  if ((options.latencyMs ?? 0) > 0) handler = new LatencyHttpHandler(handler, options.latencyMs ?? 0);
  const requests = new RequestCountingHttpHandler(handler);
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: requests,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, documentClient, requests, chaos, destroy: () => client.destroy() };
};
