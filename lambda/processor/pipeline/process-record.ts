import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventIdentity } from '../../domain/events';
import { isAlreadySeen } from '../../domain/rules';
import type { UserLimitStore } from '../../store/user-limit-store';
import { decodeRecordData } from '../validation/decode';
import { checkEnvelope, identityOf } from '../validation/envelope';
import { isRejection } from '../validation/result';
import type { BatchState, LimitSlot } from './batch-state';
import { findEventHandler } from './event-handlers';
import { keepRecordShapes } from './hidden-classes';
import type { LimitEventRecord } from './limit-event';
import type { Outcome } from './outcome';
import { kinesisDataOf } from './kinesis-fields';
import { logOrphaned, logOutcome, logProgressGap, logRejected } from './record-log';

/** A record whose outcome is known without the store; logged in batch order by {@link logSettled}. */
export type SettledRecord = { kind: 'settled'; record: unknown } & (
  { outcome: 'rejected'; reason: string; envelope?: EventIdentity } | { outcome: 'ignored'; envelope: EventIdentity }
);

export type { LimitEventRecord };

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

  const decoded = decodeRecordData(kinesisDataOf(record));
  if (isRejection(decoded)) return rejected(record, decoded.reason);

  const envelope = checkEnvelope(decoded);
  if (isRejection(envelope)) return rejected(record, envelope.reason);

  const eventHandler = findEventHandler(envelope.type);
  if (eventHandler === undefined) return { kind: 'settled', record, outcome: 'ignored', envelope: identityOf(envelope) };

  keepRecordShapes(eventHandler, envelope);
  const event = eventHandler(record, envelope);
  if (isRejection(event)) return rejected(record, event.reason, identityOf(envelope));
  const unstorableKey = store.unstorableReason({ key: event });
  return unstorableKey === undefined ? event : rejected(record, unstorableKey, identityOf(envelope));
};

/** Logs a settled record: ERROR with the reason and raw data when rejected, DEBUG when ignored. */
export const logSettled = (settledRecord: SettledRecord, logger: Logger, debug: boolean): Outcome =>
  settledRecord.outcome === 'rejected'
    ? logRejected(logger, settledRecord.record, settledRecord.reason, settledRecord.envelope)
    : logOutcome(logger, settledRecord.record, 'ignored', settledRecord.envelope, debug);

/**
 * One record, second half, against the batch's in-memory state (`slot`, the
 * record's limit in `state`, found when it was read): watermark,
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
  slot: LimitSlot,
  recordIndex: number,
  state: BatchState,
  store: Pick<UserLimitStore, 'unstorableReason'>,
  logger: Logger,
  debug: boolean,
): Outcome => {
  const { record, userLimitId, sequenceNumber } = event;
  const user = slot.user;
  if (isAlreadySeen(user.watermark, sequenceNumber)) return settle(event, 'duplicates', logger, debug);

  const stored = slot.stored;
  if (stored !== undefined && isAlreadySeen(stored.lastSequenceNumber, sequenceNumber)) {
    state.raiseWatermark(user, sequenceNumber, recordIndex);
    return settle(event, 'applied', logger, debug);
  }

  const result = event.apply(stored?.limit);
  if (result.outcome === 'orphaned') {
    state.raiseWatermark(user, sequenceNumber, recordIndex);
    return logOrphaned(logger, record, identityFor(event), userLimitId);
  }

  const next = { limit: result.limit, lastSequenceNumber: sequenceNumber };
  const unstorable = store.unstorableReason({ key: slot.key, stored: next });
  if (unstorable !== undefined) return logRejected(logger, record, unstorable, identityFor(event));

  state.putLimit(slot, next, recordIndex);
  state.raiseWatermark(user, sequenceNumber, recordIndex);
  if (result.progressGap) {
    state.progressGaps += 1;
    logProgressGap(logger, record, identityFor(event), userLimitId, result.progressGap);
  }
  return settle(event, 'applied', logger, debug);
};

/** The outcome, with its DEBUG line when DEBUG is on (its attributes are not even built otherwise). */
const settle = <O extends 'applied' | 'duplicates'>(event: LimitEventRecord, outcome: O, logger: Logger, debug: boolean): O =>
  debug ? logOutcome(logger, event.record, outcome, identityFor(event), debug) : outcome;

/** The event's envelope identity for a log line, decoded again from its record (it was valid when read). */
const identityFor = (event: LimitEventRecord): EventIdentity => {
  const decoded = decodeRecordData(kinesisDataOf(event.record));
  const envelope = isRejection(decoded) ? decoded : checkEnvelope(decoded);
  if (!isRejection(envelope)) return identityOf(envelope);
  return { eventId: '', type: '', aggregateId: event.userId, sequenceNumber: event.sequenceNumber, createdAt: 0 };
};
