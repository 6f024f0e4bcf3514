import {
  DelegatingHttpHandler,
  dynamoDbOperation,
  type SdkHandleOptions,
  type SdkHandleResult,
  type SdkHttpHandler,
  type SdkHttpRequest,
  sleep,
} from '../http-layer';
import { connectionResetError, dynamoDbErrorResponse, requestTimeoutError } from './dynamodb-faults';
import { createFaultPlan, FAULT_KINDS, type FaultDecision, type FaultKind, type FaultPlanOptions } from './fault-plan';

export interface ChaosOptions extends FaultPlanOptions {
  /**
   * How long a `timeout` fault hangs before failing. Default: the wrapped
   * handler's requestTimeout (5,000 ms when it has none), as a real timeout would.
   */
  timeoutMs?: number;
}

/** Faults chosen by the caller, request by request (tests that fail one exact request position). */
export interface ScriptedFaults {
  decide: () => FaultDecision;
  timeoutMs?: number;
}

/** What the chaos layer did so far. */
export interface ChaosCounters {
  /** Requests that reached the layer, SDK retries included. */
  requests: number;
  /** Requests failed, per fault kind. */
  faults: Record<FaultKind, number>;
  /** Faults per DynamoDB operation and kind, e.g. `{ BatchWriteItem: { 'lost-response': 3 } }`. */
  faultsByOperation: Record<string, Partial<Record<FaultKind, number>>>;
}

/** One decision as logged: the operation and what happened to it. */
export interface ChaosEvent {
  operation: string;
  fault: FaultDecision['kind'];
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A request handler that fails a seeded share of DynamoDB requests, in
 * front of the real one (a NodeHttpHandler to dynalite or DynamoDB):
 * throttling and 500 answers made here (the table is not touched), a
 * timeout (the request is never sent; the caller waits the request timeout,
 * then gets NodeHttpHandler's TimeoutError), and a lost response (the
 * request IS sent and applied, the answer is thrown away and the caller
 * gets ECONNRESET: exactly the write that must be safe to repeat).
 */
export class ChaosHttpHandler extends DelegatingHttpHandler {
  readonly #decide: () => FaultDecision;
  readonly #timeoutMs: number | undefined;
  readonly #events: ChaosEvent[] = [];
  readonly #counters: ChaosCounters = {
    requests: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    faultsByOperation: {},
  };

  constructor(next: SdkHttpHandler, options: ChaosOptions | ScriptedFaults) {
    super(next);
    this.#decide = 'decide' in options ? options.decide : createFaultPlan(options);
    this.#timeoutMs = options.timeoutMs;
  }

  override async handle(request: SdkHttpRequest, options?: SdkHandleOptions): Promise<SdkHandleResult> {
    const operation = dynamoDbOperation(request);
    const decision = this.#decide();
    this.#count(operation, decision);
    switch (decision.kind) {
      case 'none':
        return this.next.handle(request, options);
      case 'throttling':
        return { response: dynamoDbErrorResponse(decision.code) };
      case 'server-error':
        return { response: dynamoDbErrorResponse('InternalServerError') };
      case 'timeout': {
        const timeoutMs = this.#timeoutMs ?? options?.requestTimeout ?? this.next.httpHandlerConfigs().requestTimeout ?? DEFAULT_TIMEOUT_MS;
        await sleep(timeoutMs, options?.abortSignal);
        throw requestTimeoutError(timeoutMs);
      }
      case 'lost-response': {
        const { response } = await this.next.handle(request, options);
        await drain(response.body);
        throw connectionResetError();
      }
    }
  }

  /** Counters so far (a copy). */
  counters(): ChaosCounters {
    return structuredClone(this.#counters);
  }

  /** Every decision so far, in request order: the same seed and requests give the same list. */
  events(): readonly ChaosEvent[] {
    return [...this.#events];
  }

  #count(operation: string, decision: FaultDecision): void {
    this.#counters.requests += 1;
    this.#events.push({ operation, fault: decision.kind });
    if (decision.kind === 'none') return;
    this.#counters.faults[decision.kind] += 1;
    const perOperation = (this.#counters.faultsByOperation[operation] ??= {});
    perOperation[decision.kind] = (perOperation[decision.kind] ?? 0) + 1;
  }
}

/** Reads a response body to its end, so the keep-alive socket is free again; the bytes are dropped. */
const drain = async (body: unknown): Promise<void> => {
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    for await (const _chunk of body as AsyncIterable<unknown>) {
      // discarded: this response is "lost"
    }
  }
};
