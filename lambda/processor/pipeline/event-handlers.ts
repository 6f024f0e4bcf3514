import type { EventEnvelope, LimitEventPayloads, LimitEventType } from '../../domain/events';
import { type ApplyResult, applyCreated, applyProgressChanged, applyReset } from '../../domain/rules';
import type { UserLimit } from '../../domain/user-limit';
import { checkCreatedPayload, checkProgressChangedPayload, checkResetPayload } from '../validation/payloads';
import { checkOwner } from '../validation/owner';
import { type Checked, isRejection } from '../validation/result';

/** A payload that passed validation, ready to apply to its limit's current state. */
export interface RoutedEvent {
  readonly userLimitId: string;
  apply(current: UserLimit | undefined): ApplyResult;
}

/** Validates the payload of one event type and binds it to that type's rule. */
export type EventHandler = (payload: Record<string, unknown>, envelope: EventEnvelope) => Checked<RoutedEvent>;

type Rule<P> = (current: UserLimit | undefined, payload: P, envelope: Pick<EventEnvelope, 'createdAt'>) => ApplyResult;

/**
 * The validated payload bound to its rule: one small object per event (a
 * closure would be two), since a batch keeps 10,000 of them until it commits.
 * It keeps the validated copy and createdAt only, so the raw record can be
 * collected early.
 */
class BoundEvent<P extends { userLimitId: string }> implements RoutedEvent {
  constructor(
    private readonly rule: Rule<P>,
    private readonly payload: P,
    readonly createdAt: number,
  ) {}

  get userLimitId(): string {
    return this.payload.userLimitId;
  }

  apply(current: UserLimit | undefined): ApplyResult {
    return this.rule(current, this.payload, this);
  }
}

const defineHandler =
  <P extends { userLimitId: string }>(check: (payload: Record<string, unknown>) => Checked<P>, rule: Rule<P>): EventHandler =>
  (rawPayload, envelope) => {
    const ownership = checkOwner(rawPayload, envelope);
    if (isRejection(ownership)) return ownership;
    const payload = check(rawPayload);
    if (isRejection(payload)) return payload;
    return new BoundEvent(rule, payload, envelope.createdAt);
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
