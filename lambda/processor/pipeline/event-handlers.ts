import type { EventEnvelope, LimitEventPayloads, LimitEventType } from '../../domain/events';
import { applyCreated, applyProgressChanged, applyReset } from '../../domain/rules';
import { checkCreatedPayload, checkProgressChangedPayload, checkResetPayload } from '../validation/payloads';
import { checkOwner } from '../validation/owner';
import { type Checked, isRejection } from '../validation/result';
import { BoundLimitEvent, type LimitEventRecord, type Rule } from './limit-event';

/** Validates the payload of one event type and binds it, with its record, to that type's rule. */
export type EventHandler = (record: unknown, envelope: EventEnvelope) => Checked<LimitEventRecord>;

const defineHandler =
  <P extends { userLimitId: string }>(check: (payload: Record<string, unknown>) => Checked<P>, rule: Rule<P>): EventHandler =>
  (record, envelope) => {
    const ownership = checkOwner(envelope.payload, envelope);
    if (isRejection(ownership)) return ownership;
    const payload = check(envelope.payload);
    if (isRejection(payload)) return payload;
    return new BoundLimitEvent(record, envelope, rule, payload);
  };

/**
 * Event type → handler. Typed over every {@link LimitEventType}: a type added
 * to {@link LimitEventPayloads} without a handler here does not compile.
 */
const eventHandlers: { readonly [T in LimitEventType]: EventHandler } = {
  USER_LIMIT_CREATED: defineHandler<LimitEventPayloads['USER_LIMIT_CREATED']>(checkCreatedPayload, applyCreated),
  USER_LIMIT_PROGRESS_CHANGED: defineHandler<LimitEventPayloads['USER_LIMIT_PROGRESS_CHANGED']>(
    checkProgressChangedPayload,
    applyProgressChanged,
  ),
  USER_LIMIT_RESET: defineHandler<LimitEventPayloads['USER_LIMIT_RESET']>(checkResetPayload, applyReset),
};

/**
 * The same routes as a Map: one hashed lookup per record, where a keyed
 * property read with a string that JSON.parse just made goes through the
 * engine's string table (twice, with the own-property check), and no
 * inherited key ("constructor") can ever match.
 */
const routes: ReadonlyMap<string, EventHandler> = new Map(Object.entries(eventHandlers));

/** The handler for an event type, or undefined when the type is not ours. */
export const findEventHandler = (type: string): EventHandler | undefined => routes.get(type);
