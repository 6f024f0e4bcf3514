import type { EventEnvelope } from '../../domain/events';
import type { ApplyResult } from '../../domain/rules';
import type { UserLimit } from '../../domain/user-limit';

/**
 * A valid event of ours, bound to its rule, waiting for the store's state of
 * its limit. Kept small on purpose: a batch holds 10,000 of these until it
 * commits, and every object kept alive that long costs garbage-collection
 * time (the profile doubled its scavenge time with the whole envelope kept).
 * What a log line needs besides is decoded again from `record`, only when a
 * line is written.
 */
export interface LimitEventRecord {
  readonly kind: 'event';
  readonly record: unknown;
  /** (aggregateId, userLimitId): the limit's key, DOMAIN.md rule 6. */
  readonly userId: string;
  readonly userLimitId: string;
  readonly sequenceNumber: number;
  /** The event's rule applied to its limit's current state. */
  apply(current: UserLimit | undefined): ApplyResult;
}

/** A rule of DOMAIN.md for one event type (lambda/domain/rules.ts). */
export type Rule<P> = (current: UserLimit | undefined, payload: P, envelope: Pick<EventEnvelope, 'createdAt'>) => ApplyResult;

/**
 * The record, its key and its validated payload bound to the payload's rule,
 * in one object per event: a separate bound-event object (and a closure
 * would be two) was one more allocation per record. Keeps the validated
 * payload (the parsed one, checked in place) and createdAt only.
 */
export class BoundLimitEvent<P extends { userLimitId: string }> implements LimitEventRecord {
  readonly kind = 'event';
  readonly userId: string;
  readonly userLimitId: string;
  readonly sequenceNumber: number;
  readonly createdAt: number;

  constructor(
    readonly record: unknown,
    envelope: EventEnvelope,
    private readonly rule: Rule<P>,
    private readonly payload: P,
  ) {
    this.userId = envelope.aggregateId;
    this.userLimitId = payload.userLimitId;
    this.sequenceNumber = envelope.sequenceNumber;
    this.createdAt = envelope.createdAt;
  }

  apply(current: UserLimit | undefined): ApplyResult {
    return this.rule(current, this.payload, this);
  }
}
