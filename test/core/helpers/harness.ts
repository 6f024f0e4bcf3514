import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import { createHandler, type KinesisHandler } from '../../../lambda/processor/create-handler';
import type { Outcome } from '../../../lambda/processor/pipeline/outcome';
import type { UserLimitStore } from '../../../lambda/store/user-limit-store';
import { syntheticSequenceNumber, toKinesisRecord } from '../../../tools/kinesis-records';
import { captureLogs } from '../../support/log-capture';
import { newTestStore, type TestStore } from '../../support/test-stores';

/** A JSON log line as Powertools prints it. */
export type LogLine = Record<string, unknown> & { level: string; message: string };

/** A DEBUG logger whose lines are kept in memory, parsed, as they are written. */
export const captureLogger = (): { logger: Logger; lines: LogLine[] } => {
  const { logger, parsed } = captureLogs('DEBUG');
  return { logger, lines: parsed as LogLine[] };
};

/**
 * A handler over its own fresh store: of the suite's kind (memory, or
 * DynamoDB on dynalite in the `shared suite on DynamoDB` jest project)
 * unless one is given.
 */
export function harness(): ReturnType<typeof harnessOver<TestStore>>;
export function harness<S extends UserLimitStore>(store: S): ReturnType<typeof harnessOver<S>>;
export function harness(store: UserLimitStore = newTestStore()) {
  return harnessOver(store);
}

const harnessOver = <S extends UserLimitStore>(store: S) => {
  const { logger, lines } = captureLogger();
  const outcomes: Outcome[][] = [];
  const handler: KinesisHandler = createHandler({ store, logger, onOutcomes: (list) => outcomes.push([...list]) });
  return { handler, store, lines, outcomes, lastOutcomes: () => outcomes[outcomes.length - 1] ?? [] };
};

let nextIndex = 0;

/** A record carrying `data` (an object is JSON-encoded, a string or Buffer taken as is). */
export const recordOf = (data: unknown, partitionKey = 'user-1'): KinesisStreamRecord =>
  toKinesisRecord(Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8'), {
    partitionKey,
    sequenceNumber: syntheticSequenceNumber(nextIndex++),
    approximateArrivalTimestamp: 1_700_000_000,
  });

/** A record whose `kinesis.data` is exactly `base64`, for bad-encoding cases. */
export const recordWithRawData = (base64: string): KinesisStreamRecord => {
  const record = recordOf({});
  record.kinesis.data = base64;
  return record;
};
