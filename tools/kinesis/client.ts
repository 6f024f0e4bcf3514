import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { explainKinesisFailure } from './errors';
import { type BackoffOptions, retryThrottled } from './throttling';

// Local tools run on whatever Node the developer has; the SDK's support notice is noise on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Connection settings for a Kinesis-compatible endpoint (kinesalite or AWS). */
export interface KinesisEndpointOptions {
  endpoint: string;
  region?: string;
  /** Give up connecting after this long. Default 2000 ms. */
  connectionTimeoutMs?: number;
  /** Give up waiting for a response after this long. Default 30000 ms. */
  requestTimeoutMs?: number;
}

const isLoopback = (endpoint: string): boolean => {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
};

/**
 * A Kinesis client for a local or explicit endpoint. HTTP/1.1 (kinesalite
 * speaks nothing else), dummy credentials on loopback, and no SDK retries: the tools retry throttling themselves so that
 * they can count it, and fail fast on an endpoint that does not answer.
 */
export const createKinesisClient = (options: KinesisEndpointOptions): KinesisClient =>
  new KinesisClient({
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-1',
    // kinesalite accepts any signature; a real endpoint gets the SDK's usual credential chain.
    credentials: isLoopback(options.endpoint) ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? 2_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true, // otherwise a silent endpoint only logs a warning and the call hangs
    }),
  });

/** A client plus what every call needs: the endpoint to name in errors, and how to back off. */
export interface KinesisConnection {
  client: KinesisClient;
  endpoint: string;
  backoff?: BackoffOptions;
}

/**
 * Runs one Kinesis call: retried with backoff while throttled; an endpoint
 * that does not answer or a service error becomes a one-line
 * {@link KinesisToolError} that names the operation.
 */
export const callKinesis = async <T>(
  connection: KinesisConnection,
  operation: string,
  call: (client: KinesisClient) => Promise<T>,
): Promise<T> => {
  try {
    return await retryThrottled(operation, () => call(connection.client), connection.backoff);
  } catch (error) {
    throw explainKinesisFailure(error, operation, connection.endpoint);
  }
};

/** The same connection, counting every throttle (whole calls and, via `backoff`, single records). */
export const countingThrottles = (connection: KinesisConnection): { connection: KinesisConnection; throttles: () => number } => {
  let throttles = 0;
  return {
    connection: {
      ...connection,
      backoff: {
        ...connection.backoff,
        onThrottle: (event) => {
          throttles += 1;
          connection.backoff?.onThrottle?.(event);
        },
      },
    },
    throttles: () => throttles,
  };
};
