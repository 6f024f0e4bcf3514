import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { EventIdentity } from '../../domain/events';
import type { ProgressGap } from '../../domain/rules';
import { describeError } from './describe-error';
import { kinesisFieldsOf } from './kinesis-fields';

/** Raw data kept in an ERROR line; beyond it the line says the data was cut. */
export const RAW_DATA_LOG_LIMIT = 64 * 1024;

/**
 * Longest id or amount a log line repeats. Ids come from the producer and may
 * be megabytes long; clipped, every line stays within the raw data allowance.
 */
export const LOGGED_FIELD_LIMIT = 256;

const clip = (text: string): string => (text.length > LOGGED_FIELD_LIMIT ? `${text.slice(0, LOGGED_FIELD_LIMIT)}…` : text);

/** Where to find a record again in the stream: sequence number and partition key. */
const locate = (record: unknown) => {
  const { sequenceNumber, partitionKey } = kinesisFieldsOf(record);
  return { kinesisSequenceNumber: sequenceNumber, partitionKey: partitionKey === undefined ? undefined : clip(partitionKey) };
};

/** Ids only: the payload may hold personal data and is never logged outside rejected raw data. */
const identify = (envelope: EventIdentity) => ({
  eventId: clip(envelope.eventId),
  eventType: clip(envelope.type),
  aggregateId: clip(envelope.aggregateId),
  sequenceNumber: envelope.sequenceNumber,
  correlation_id: envelope.correlationId,
});

/** ERROR with everything needed to re-read and replay the record by hand. */
export const logRejected = (logger: Logger, record: unknown, reason: string, envelope?: EventIdentity): 'rejected' => {
  const data = kinesisFieldsOf(record).data ?? '';
  const truncated = data.length > RAW_DATA_LOG_LIMIT;
  logger.error('Record rejected', {
    reason,
    ...locate(record),
    ...(envelope && identify(envelope)),
    data: truncated ? data.slice(0, RAW_DATA_LOG_LIMIT) : data,
    dataLength: data.length,
    dataTruncated: truncated,
  });
  return 'rejected';
};

/**
 * Whether the logger prints DEBUG lines. Asked once per batch: Powertools
 * reads an environment variable on every level check, which per record was
 * one of the handler's largest costs (README, Performance).
 */
export const isDebugEnabled = (logger: Logger): boolean => logger.level <= LogLevelThreshold.DEBUG;

/**
 * DEBUG line per record. At INFO (as deployed) the line would be dropped, so
 * with `debug` false its attributes are not even built.
 */
export const logOutcome = <O extends 'applied' | 'duplicates' | 'ignored'>(
  logger: Logger,
  record: unknown,
  outcome: O,
  envelope: EventIdentity,
  debug: boolean,
): O => {
  if (debug) logger.debug(`Record ${outcome}`, { ...locate(record), ...identify(envelope) });
  return outcome;
};

export const logOrphaned = (logger: Logger, record: unknown, envelope: EventIdentity, userLimitId: string): 'orphaned' => {
  logger.warn('Record orphaned: limit not in store', { userLimitId: clip(userLimitId), ...locate(record), ...identify(envelope) });
  return 'orphaned';
};

export const logProgressGap = (logger: Logger, record: unknown, envelope: EventIdentity, userLimitId: string, gap: ProgressGap): void => {
  logger.warn('Progress gap: stored progress differs from previousProgress, events were missed', {
    userLimitId: clip(userLimitId),
    storedProgress: clip(gap.storedProgress),
    previousProgress: clip(gap.previousProgress),
    ...locate(record),
    ...identify(envelope),
  });
};

export const logFailed = (logger: Logger, record: unknown, error: unknown, notProcessed: number): void => {
  logger.error('Record failed: store error, reported for retry', {
    ...locate(record),
    error: describeError(error),
    notProcessedAfterIt: notProcessed,
  });
};

/** Longest excerpt of a malformed event in its ERROR line. */
export const MALFORMED_EVENT_LOG_LIMIT = 1024;

/** The value as JSON, cut to {@link MALFORMED_EVENT_LOG_LIMIT} characters; never throws (cycles, BigInt). */
export const clippedJson = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = `unserializable ${typeof value}`;
  }
  return text.length > MALFORMED_EVENT_LOG_LIMIT ? `${text.slice(0, MALFORMED_EVENT_LOG_LIMIT)}…` : text;
};
