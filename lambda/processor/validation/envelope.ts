import * as z from 'zod/mini';
import type { EventEnvelope, EventIdentity } from '../../domain/events';
import { checkedBy, handCheckEnvelope } from './hand-checks';
import type { Checked } from './result';
import { compiled, nonEmptyString } from './zod';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why 2^53 and above are refused: beyond it, two different numbers can parse to the same double. */
const SEQUENCE_NUMBER_TOO_LARGE = `must be at most 2^53 − 1 (${Number.MAX_SAFE_INTEGER}): a larger number cannot be compared exactly`;

/** The envelope's schema: what the hand check must agree with, and what words a refusal. */
export const envelopeSchema: z.ZodMiniType<EventEnvelope> = compiled(
  z.object({
    eventId: nonEmptyString,
    type: nonEmptyString,
    aggregateId: nonEmptyString,
    sequenceNumber: z
      .number()
      .check(
        z.refine(Number.isInteger, 'must be an integer'),
        z.nonnegative('must not be negative'),
        z.maximum(Number.MAX_SAFE_INTEGER, SEQUENCE_NUMBER_TOO_LARGE),
      ),
    createdAt: z.number(),
    payload: z.custom<Record<string, unknown>>(isPlainObject, 'must be an object'),
  }),
);

/** Rule 2 of DOMAIN.md: the envelope fields every event must carry. Valid envelopes are used in place. */
export const checkEnvelope: (data: Record<string, unknown>) => Checked<EventEnvelope> = checkedBy(
  handCheckEnvelope,
  envelopeSchema,
  'envelope',
);

/**
 * What identifies the event in log lines: the envelope's ids and its
 * `context.correlationId` when that is a string (clipped). A new small
 * object, made only for a record that is logged with it, so the parsed
 * record (payload and all) is not kept alive for a log line.
 */
export const identityOf = (envelope: EventEnvelope): EventIdentity => {
  const identity: EventIdentity = {
    eventId: envelope.eventId,
    type: envelope.type,
    aggregateId: envelope.aggregateId,
    sequenceNumber: envelope.sequenceNumber,
    createdAt: envelope.createdAt,
  };
  const context = envelope.context;
  if (isPlainObject(context) && typeof context.correlationId === 'string') identity.correlationId = context.correlationId.slice(0, 200);
  return identity;
};
