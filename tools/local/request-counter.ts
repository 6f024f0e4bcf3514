import { DelegatingHttpHandler, dynamoDbOperation, type SdkHandleOptions, type SdkHandleResult, type SdkHttpRequest } from './http-layer';

/**
 * Counts every HTTP request that reaches it, per DynamoDB operation. Placed
 * closest to the network, it counts what DynamoDB would bill and see,
 * SDK retries included.
 */
export class RequestCountingHttpHandler extends DelegatingHttpHandler {
  readonly #byOperation = new Map<string, number>();

  override handle(request: SdkHttpRequest, options?: SdkHandleOptions): Promise<SdkHandleResult> {
    const operation = dynamoDbOperation(request);
    this.#byOperation.set(operation, (this.#byOperation.get(operation) ?? 0) + 1);
    return this.next.handle(request, options);
  }

  /** Requests so far, all operations together. */
  total(): number {
    let total = 0;
    for (const count of this.#byOperation.values()) total += count;
    return total;
  }

  /** Requests so far per operation, operations in name order. */
  byOperation(): Record<string, number> {
    return Object.fromEntries([...this.#byOperation.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Starts counting again from zero (e.g. after a warm-up). */
  reset(): void {
    this.#byOperation.clear();
  }
}
