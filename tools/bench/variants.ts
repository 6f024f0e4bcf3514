import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { createStderrLogger } from '../stderr-logger';
import { createPowertoolsReference } from './powertools-reference';

/** Runs one batch; prepared beforehand so that only processing is timed. */
export type TimedRun = () => Promise<unknown>;

/** One contender: `prepare` (untimed) gives a run that starts from an empty store. */
export interface Variant {
  name: string;
  prepare(): Promise<TimedRun>;
}

/** What the production bundle exports (lambda/processor/handler.ts). */
interface HandlerModule {
  handler: (event: KinesisStreamEvent, context?: Context) => Promise<KinesisStreamBatchResponse>;
  store: { snapshot(): UserLimit[] };
}

/**
 * A Lambda context like the deployed function's (60 s timeout): with it the
 * handler runs as deployed, per-batch deadline and log context included.
 */
export const lambdaContext = (): Context => {
  const deadline = Date.now() + 60_000;
  return {
    functionName: 'user-limits-processor',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:user-limits-processor',
    memoryLimitInMB: '512',
    awsRequestId: 'bench',
    logGroupName: '/aws/lambda/user-limits-processor',
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * A fresh copy of the bundle: its store is module-scoped, so a new module
 * instance is the only way to start from an empty store, as a new container does.
 */
export const loadFreshBundle = (bundlePath: string): HandlerModule => {
  delete require.cache[bundlePath];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only require() has a cache entry to drop; import() would share one instance.
  const loaded = require(bundlePath) as HandlerModule;
  // The parent module lists every child it loaded: drop the copy so that old stores can be collected.
  module.children = module.children.filter((child) => child.id !== bundlePath);
  return loaded;
};

/**
 * The physical floor: base64 → UTF-8 → JSON.parse of every record's data.
 * No validation, no store: nothing correct can be faster.
 */
export const parseOnly = (event: KinesisStreamEvent): unknown[] => {
  const parsed = new Array<unknown>(event.Records.length);
  for (let index = 0; index < event.Records.length; index += 1) {
    parsed[index] = JSON.parse(Buffer.from(event.Records[index]!.kinesis.data, 'base64').toString('utf8'));
  }
  return parsed;
};

export const floorVariant = (event: KinesisStreamEvent): Variant => ({
  name: 'floor',
  prepare: async () => async () => parseOnly(event),
});

/**
 * The production bundle. Each iteration loads a new copy (an empty store, as
 * in a new container), then warms it on batches of a few other users: a new
 * module instance starts with cold code, and V8 needs a few batches to reach
 * the steady state of a warm container, which is what the batch figure is
 * about (the other variants' code stays loaded, hence warm). The timed batch
 * then meets a store holding only those few users' limits.
 */
export const handlerVariant = (
  name: string,
  bundlePath: string,
  event: KinesisStreamEvent,
  warmupEvents: readonly KinesisStreamEvent[],
): Variant => ({
  name,
  prepare: async () => {
    const { handler } = loadFreshBundle(bundlePath);
    for (const warmupEvent of warmupEvents) await handler(warmupEvent, lambdaContext());
    return () => handler(event, lambdaContext());
  },
});

/** The Powertools reference on a fresh store; its module stays loaded, hence warm. */
export const powertoolsVariant = (event: KinesisStreamEvent): Variant => {
  const logger = createStderrLogger('INFO');
  return {
    name: 'powertools',
    prepare: async () => {
      const reference = createPowertoolsReference(new InMemoryUserLimitStore(), logger);
      return () => reference(event, lambdaContext());
    },
  };
};
