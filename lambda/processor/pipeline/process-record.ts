import type { Logger } from '@aws-lambda-powertools/logger';
import { type EventIdentity, identityOf } from '../../domain/events';
import { type ApplyResult, isAlreadySeen } from '../../domain/rules';
import type { UserLimit } from '../../domain/user-limit';
import type { LimitKey, UserLimitStore } from '../../store/user-limit-store';
import { decodeRecordData } from '../validation/decode';
import { checkEnvelope } from '../validation/envelope';
import type { BatchState } from './batch-state';
import { findEventHandler } from './event-handlers';
import type { Outcome } from './outcome';
import { kinesisFieldsOf } from './kinesis-fields';
import { logOrphaned, logOutcome, logProgressGap, logRejected } from './record-log';

/** A record whose outcome is known without the store; logged in batch order by {@link logSettled}. */
export type SettledRecord = { kind: 'settled'; record: unknown } & (
  { outcome: 'rejected'; reason: string; envelope?: EventIdentity } | { outcome: 'ignored'; envelope: EventIdentity }
);

/** A valid event of ours, waiting for the store's state of its limit. */
export interface LimitEventRecord {
  kind: 'event';
  record: unknown;
  envelope: EventIdentity;
  /** (aggregateId, userLimitId): DOMAIN.md rule 6. */
  key: LimitKey;
  apply: (current: UserLimit | undefined) => ApplyResult;
}

export type ReadRecord = SettledRecord | LimitEventRecord;

const rejected = (record: unknown, reason: string, envelope?: EventIdentity): SettledRecord => ({
  kind: 'settled',
  record,
  outcome: 'rejected',
  reason,
  envelope,
});

/**
 * One record, first half: decode, envelope, route, payload, and whether the
 * store can hold its key. Needs no store data; bad data settles as
 * `rejected`, a type that is not ours as `ignored`.
 * Never throws, whatever `record` is.
 */
export const readRecord = (record: unknown, store: Pick<UserLimitStore, 'unstorableReason'>): ReadRecord => {
  if (typeof record !== 'object' || record === null) return rejected(record, 'record: not an object');

  const decoded = decodeRecordData(kinesisFieldsOf(record).data);
  if (!decoded.ok) return rejected(record, decoded.reason);

  const checkedEnvelope = checkEnvelope(decoded.value);
  if (!checkedEnvelope.ok) return rejected(record, checkedEnvelope.reason);
  const envelope = checkedEnvelope.value;

  const eventHandler = findEventHandler(envelope.type);
  if (eventHandler === undefined) return { kind: 'settled', record, outcome: 'ignored', envelope: identityOf(envelope) };

  const routed = eventHandler(envelope.payload, envelope);
  if (!routed.ok) return rejected(record, routed.reason, identityOf(envelope));
  const key = { userId: envelope.aggregateId, userLimitId: routed.value.userLimitId };
  const unstorableKey = store.unstorableReason({ key });
  if (unstorableKey !== undefined) return rejected(record, unstorableKey, identityOf(envelope));
  return { kind: 'event', record, envelope: identityOf(envelope), key, apply: routed.value.apply };
};

/** Logs a settled record: ERROR with the reason and raw data when rejected, DEBUG when ignored. */
export const logSettled = (settledRecord: SettledRecord, logger: Logger, debug: boolean): Outcome =>
  settledRecord.outcome === 'rejected'
    ? logRejected(logger, settledRecord.record, settledRecord.reason, settledRecord.envelope)
    : logOutcome(logger, settledRecord.record, 'ignored', settledRecord.envelope, debug);

/**
 * One record, second half, against the batch's in-memory state: watermark,
 * the limit's own sequence number, the rule, the store's size limits. Pure
 * but for logging; the batch commits the resulting state afterwards.
 *
 * An event above the watermark but at or below its limit's
 * `lastSequenceNumber` was applied by an earlier delivery that was never
 * acknowledged (it stopped before the watermark was written): the limit is
 * left as it is, the watermark move (the missing part of its effect) is made
 * now, and it counts as `applied` — by rule 5 it is not a duplicate.
 */
export const applyRecord = (
  event: LimitEventRecord,
  recordIndex: number,
  state: BatchState,
  store: Pick<UserLimitStore, 'unstorableReason'>,
  logger: Logger,
  debug: boolean,
): Outcome => {
  const { record, envelope, key } = event;
  const { sequenceNumber } = envelope;
  if (isAlreadySeen(state.watermark(key.userId), sequenceNumber)) {
    return logOutcome(logger, record, 'duplicates', envelope, debug);
  }

  const stored = state.limit(key);
  if (stored !== undefined && isAlreadySeen(stored.lastSequenceNumber, sequenceNumber)) {
    state.raiseWatermark(key.userId, sequenceNumber, recordIndex);
    return logOutcome(logger, record, 'applied', envelope, debug);
  }

  const result = event.apply(stored?.limit);
  if (result.outcome === 'orphaned') {
    state.raiseWatermark(key.userId, sequenceNumber, recordIndex);
    return logOrphaned(logger, record, envelope, key.userLimitId);
  }

  const next = { limit: result.limit, lastSequenceNumber: sequenceNumber };
  const unstorable = store.unstorableReason({ key, stored: next });
  if (unstorable !== undefined) return logRejected(logger, record, unstorable, envelope);

  state.putLimit(key, next, recordIndex);
  state.raiseWatermark(key.userId, sequenceNumber, recordIndex);
  if (result.progressGap) logProgressGap(logger, record, envelope, key.userLimitId, result.progressGap);
  return logOutcome(logger, record, 'applied', envelope, debug);
};
