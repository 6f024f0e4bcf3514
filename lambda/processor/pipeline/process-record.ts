import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import { isAlreadySeen } from '../../domain/rules';
import type { UserLimitStore } from '../../store/user-limit-store';
import { decodeRecordData } from '../validation/decode';
import { checkEnvelope } from '../validation/envelope';
import { findEventHandler } from './event-handlers';
import type { Outcome } from './outcome';
import { isDebugEnabled, logOrphaned, logOutcome, logProgressGap, logRejected } from './record-log';

/**
 * One record, top to bottom: decode, envelope, route, payload, watermark,
 * apply. Bad data returns an outcome; only the store can throw, and the
 * caller turns that into `failed`.
 *
 * `debug`: whether DEBUG lines are printed; the batch asks once for all its
 * records.
 *
 * The limit is written before the watermark: if the store fails in between,
 * the retry applies the same event again, which every rule makes idempotent.
 */
export const processRecord = async (
  record: KinesisStreamRecord,
  store: UserLimitStore,
  logger: Logger,
  debug: boolean = isDebugEnabled(logger),
): Promise<Outcome> => {
  const decoded = decodeRecordData(record.kinesis?.data);
  if (!decoded.ok) return logRejected(logger, record, decoded.reason);

  const checkedEnvelope = checkEnvelope(decoded.value);
  if (!checkedEnvelope.ok) return logRejected(logger, record, checkedEnvelope.reason);
  const envelope = checkedEnvelope.value;

  const eventHandler = findEventHandler(envelope.type);
  if (eventHandler === undefined) return logOutcome(logger, record, 'ignored', envelope, debug);

  const routed = eventHandler(envelope.payload, envelope);
  if (!routed.ok) return logRejected(logger, record, routed.reason, envelope);
  const { userLimitId, apply } = routed.value;

  const watermark = await store.getWatermark(envelope.aggregateId);
  if (isAlreadySeen(watermark, envelope.sequenceNumber)) return logOutcome(logger, record, 'duplicates', envelope, debug);

  const result = apply(await store.get(userLimitId));
  if (result.outcome === 'applied') await store.put(result.limit);
  await store.setWatermark(envelope.aggregateId, envelope.sequenceNumber);

  if (result.outcome === 'orphaned') return logOrphaned(logger, record, envelope, userLimitId);
  if (result.progressGap) logProgressGap(logger, record, envelope, userLimitId, result.progressGap);
  return logOutcome(logger, record, 'applied', envelope, debug);
};
