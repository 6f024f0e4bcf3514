import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { createStderrLogger } from '../stderr-logger';
import { benchWorkload, type BenchWorkload } from './bench-workload';
import { createPowertoolsPlainReference, createPowertoolsReference, type ReferenceHandler } from './powertools-reference';

/** Runs one batch; prepared beforehand so that only processing is timed. */
export type TimedRun = () => Promise<unknown>;

/** One contender, in its own process: `prepare` (untimed) gives a run on a fresh copy of the store state. */
export interface Variant {
  prepare(): Promise<TimedRun>;
}

/** What every variant process is told: the bundle and the workload to build. */
export interface VariantConfig {
  bundlePath: string;
  records: number;
  /** Records of the `scaling` figure's small batch: the same mix, the same users and history. */
  smallBatchRecords: number;
  users: number;
}

/** The variants, by the name their figure takes. */
export const VARIANT_NAMES = ['floor', 'asciiFloor', 'handler', 'powertoolsPlain', 'powertools', 'smallBatch'] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

/** Users of each warm-up workload: other users than the timed batch's, so its state stays untouched. */
const WARMUP_USERS = 100;
/** Seeds of the warm-up workloads (the timed one uses the default seed). */
const WARMUP_SEEDS = [7, 8, 9];

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
 * A fresh copy of the bundle, as Lambda's runtime loads it (`require`, see
 * load-time.ts). Its store is module-scoped and has no way to be emptied,
 * so a new module instance is the only way to start from a known store.
 */
export const loadFreshBundle = (bundlePath: string): HandlerModule => {
  delete require.cache[bundlePath];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only require() has a cache entry to drop; import() would share one instance.
  const loaded = require(bundlePath) as HandlerModule;
  // The parent module lists every child it loaded: drop the copy so that old stores can be collected.
  module.children = module.children.filter((child) => child.id !== bundlePath);
  return loaded;
};

/** Throws unless every record of the batch succeeded: a variant that fails records is not doing the work. */
export const expectNoFailures = (variant: string, response: KinesisStreamBatchResponse): void => {
  if (response.batchItemFailures.length > 0) {
    throw new Error(`${variant} failed ${response.batchItemFailures.length} records of the bench workload`);
  }
};

/**
 * The floor: base64 → Buffer → UTF-8 → JSON.parse of every record's
 * data. No validation, no store. Not the fastest decode there is: see
 * {@link parseOnlyAscii}.
 */
export const parseOnly = (event: KinesisStreamEvent): unknown[] => {
  const parsed = new Array<unknown>(event.Records.length);
  for (let index = 0; index < event.Records.length; index += 1) {
    parsed[index] = JSON.parse(Buffer.from(event.Records[index]!.kinesis.data, 'base64').toString('utf8'));
  }
  return parsed;
};

/**
 * The cheapest correct decode, the handler's own (lambda/processor/validation/decode.ts):
 * for ASCII data, `atob`'s one-byte string already is the UTF-8 text; other
 * data takes the Buffer path. Then JSON.parse, nothing else: nothing correct can be faster.
 */
export const parseOnlyAscii = (event: KinesisStreamEvent): unknown[] => {
  const parsed = new Array<unknown>(event.Records.length);
  for (let index = 0; index < event.Records.length; index += 1) {
    const data = event.Records[index]!.kinesis.data;
    const text = atob(data);
    parsed[index] = JSON.parse(Buffer.byteLength(text, 'utf8') === text.length ? text : Buffer.from(data, 'base64').toString('utf8'));
  }
  return parsed;
};

const floorVariant = (workload: BenchWorkload, parse: (event: KinesisStreamEvent) => unknown[]): Variant => ({
  prepare: async () => async () => parse(workload.batch),
});

/**
 * The production bundle. Each round loads a new copy (as a new container
 * would), warms it on three workloads of other users (history and batch:
 * new module code is cold, and V8 needs a few batches to reach a warm
 * container's speed), runs the timed workload's history through it, then
 * times the batch. The store then holds the batch's users' limits (plus
 * the warm-up users'), exactly as the references' stores do.
 */
const handlerVariant = (bundlePath: string, workload: BenchWorkload, warmups: readonly BenchWorkload[]): Variant => ({
  prepare: async () => {
    const { handler } = loadFreshBundle(bundlePath);
    for (const { history, batch } of [...warmups, { history: workload.history, batch: undefined }]) {
      expectNoFailures('the handler', await handler(history, lambdaContext()));
      if (batch !== undefined) expectNoFailures('the handler', await handler(batch, lambdaContext()));
    }
    return async () => expectNoFailures('the handler', await handler(workload.batch, lambdaContext()));
  },
});

/**
 * A Powertools reference. Its code stays loaded (warm after the first
 * rounds); each round gets a new store filled, untimed, with the state the
 * history leaves (computed once, by the reference itself).
 */
const referenceVariant = (name: string, create: typeof createPowertoolsReference, workload: BenchWorkload): Variant => {
  const logger = createStderrLogger('INFO');
  let historyState: ReturnType<InMemoryUserLimitStore['dump']> | undefined;
  return {
    prepare: async () => {
      if (historyState === undefined) {
        const store = new InMemoryUserLimitStore();
        expectNoFailures(name, await createPowertoolsPlainReference(store, logger)(workload.history, lambdaContext()));
        historyState = store.dump();
      }
      const store = new InMemoryUserLimitStore();
      await store.commit(historyState);
      const reference: ReferenceHandler = create(store, logger);
      return async () => expectNoFailures(name, await reference(workload.batch, lambdaContext()));
    },
  };
};

/** Builds the named variant with its workload (deterministic: every process builds the same records). */
export const createVariant = (name: VariantName, config: VariantConfig): Variant => {
  const workload = benchWorkload({ records: name === 'smallBatch' ? config.smallBatchRecords : config.records, users: config.users });
  switch (name) {
    case 'floor':
      return floorVariant(workload, parseOnly);
    case 'asciiFloor':
      return floorVariant(workload, parseOnlyAscii);
    case 'handler':
    case 'smallBatch': {
      const warmups = WARMUP_SEEDS.map((seed) => benchWorkload({ records: config.records, users: WARMUP_USERS, seed }));
      return handlerVariant(config.bundlePath, workload, warmups);
    }
    case 'powertoolsPlain':
      return referenceVariant(name, createPowertoolsPlainReference, workload);
    case 'powertools':
      return referenceVariant(name, createPowertoolsReference, workload);
  }
};
