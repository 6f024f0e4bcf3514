import {
  DelegatingHttpHandler,
  type SdkHandleOptions,
  type SdkHandleResult,
  type SdkHttpHandler,
  type SdkHttpRequest,
  sleep,
} from './http-layer';

/**
 * Adds a fixed delay before every request, like the network round trip to
 * a real DynamoDB endpoint (a few ms in-region) that loopback dynalite lacks.
 * The benchmark uses it so that the number of sequential round trips shows.
 */
export class LatencyHttpHandler extends DelegatingHttpHandler {
  constructor(
    next: SdkHttpHandler,
    /** Added to every request, in milliseconds. */
    readonly latencyMs: number,
  ) {
    super(next);
    if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be a finite number ≥ 0, got ${latencyMs}`);
  }

  override async handle(request: SdkHttpRequest, options?: SdkHandleOptions): Promise<SdkHandleResult> {
    if (this.latencyMs > 0) await sleep(this.latencyMs, options?.abortSignal);
    return this.next.handle(request, options);
  }
}
