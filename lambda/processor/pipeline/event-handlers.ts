import type { EventEnvelope, LimitEventPayloads, LimitEventType } from '../../domain/events';
import { type ApplyResult, applyCreated, applyProgressChanged, applyReset } from '../../domain/rules';
import type { UserLimit } from '../../domain/user-limit';
import { checkCreatedPayload, checkProgressChangedPayload, checkResetPayload } from '../validation/payloads';
import { checkOwner } from '../validation/owner';
import type { Checked } from '../validation/result';

/** A payload that passed validation, ready to apply to its limit's current state. */
export interface RoutedEvent {
  userLimitId: string;
  apply: (current: UserLimit | undefined) => ApplyResult;
}

/** Validates the payload of one event type and binds it to that type's rule. */
export type EventHandler = (payload: Record<string, unknown>, envelope: EventEnvelope) => Checked<RoutedEvent>;

const defineHandler =
  <P extends { userLimitId: string }>(
    check: (payload: Record<string, unknown>) => Checked<P>,
    apply: (current: UserLimit | undefined, payload: P, envelope: Pick<EventEnvelope, 'createdAt'>) => ApplyResult,
  ): EventHandler =>
  (rawPayload, envelope) => {
    const ownership = checkOwner(rawPayload, envelope);
    if (!ownership.ok) return ownership;
    const checked = check(rawPayload);
    if (!checked.ok) return checked;
    const payload = checked.value;
    // The rule keeps the validated copy and createdAt only: the raw record can be collected before the batch commits.
    const eventTime = { createdAt: envelope.createdAt };
    return { ok: true, value: { userLimitId: payload.userLimitId, apply: (current) => apply(current, payload, eventTime) } };
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

/** The handler for an event type, or undefined when the type is not ours (own keys only: "constructor" is not a type). */
export const findEventHandler = (type: string): EventHandler | undefined =>
  Object.hasOwn(eventHandlers, type) ? eventHandlers[type as LimitEventType] : undefined;
