import type { NodeHttpHandler } from '@smithy/node-http-handler';

/*
 * The SDK's request handler seam, typed from NodeHttpHandler itself so that
 * no transitive @smithy package has to be imported. A layer wraps the next
 * handler (finally a NodeHttpHandler) and sees every HTTP request the client
 * sends, retries included: the one place where a throttle, a 5xx, a timeout
 * and an applied-but-unanswered write can all be made.
 */

/** One signed HTTP request as the SDK hands it to its request handler. */
export type SdkHttpRequest = Parameters<NodeHttpHandler['handle']>[0];
/** The options of one `handle` call (abort signal, per-request timeout). */
export type SdkHandleOptions = Parameters<NodeHttpHandler['handle']>[1];
/** What a request handler resolves to. */
export type SdkHandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;
/** The HTTP response inside a {@link SdkHandleResult}. */
export type SdkHttpResponse = SdkHandleResult['response'];
/** The handler configuration (requestTimeout, connectionTimeout, …). */
export type SdkHandlerConfig = ReturnType<NodeHttpHandler['httpHandlerConfigs']>;

/** The part of the SDK's HttpHandler contract a layer needs from the next handler. */
export interface SdkHttpHandler {
  handle(request: SdkHttpRequest, options?: SdkHandleOptions): Promise<SdkHandleResult>;
  updateHttpClientConfig(key: keyof SdkHandlerConfig, value: SdkHandlerConfig[keyof SdkHandlerConfig]): void;
  httpHandlerConfigs(): SdkHandlerConfig;
  destroy?(): void;
}

/**
 * A request handler that passes everything to `next`; subclasses override
 * `handle` to add their behaviour (latency, counting, faults).
 */
export class DelegatingHttpHandler implements SdkHttpHandler {
  constructor(protected readonly next: SdkHttpHandler) {}

  handle(request: SdkHttpRequest, options?: SdkHandleOptions): Promise<SdkHandleResult> {
    return this.next.handle(request, options);
  }

  updateHttpClientConfig(key: keyof SdkHandlerConfig, value: SdkHandlerConfig[keyof SdkHandlerConfig]): void {
    this.next.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): SdkHandlerConfig {
    return this.next.httpHandlerConfigs();
  }

  destroy(): void {
    this.next.destroy?.();
  }
}

/**
 * The DynamoDB operation of a request: JSON-protocol requests name it in the
 * `X-Amz-Target` header (`DynamoDB_20120810.PutItem` → `PutItem`).
 */
export const dynamoDbOperation = (request: SdkHttpRequest): string => {
  const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1];
  return header === undefined ? 'unknown' : header.slice(header.lastIndexOf('.') + 1);
};

/** The abort signal a request may carry. */
export type SdkAbortSignal = NonNullable<SdkHandleOptions>['abortSignal'];

/** The SDK's AbortError, as NodeHttpHandler rejects an aborted request with. */
const abortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' });

/** Waits `ms` milliseconds, or rejects with an AbortError as soon as the request is aborted. */
export const sleep = (ms: number, signal?: SdkAbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(resolve, ms);
    const listener = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    if (signal !== undefined && 'addEventListener' in signal && typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', listener, { once: true });
    }
  });
