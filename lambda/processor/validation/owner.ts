import type { EventEnvelope } from '../../domain/events';
import { type Checked, refuse } from './result';

/**
 * DOMAIN.md rule 4: a limit belongs to its user, the aggregate. A payload
 * that carries `userId` (any of our event types) must carry the aggregateId.
 */
export const checkOwner = (payload: Record<string, unknown>, envelope: EventEnvelope): Checked<true> =>
  !Object.hasOwn(payload, 'userId') || payload.userId === envelope.aggregateId
    ? true
    : refuse("payload.userId: must equal the envelope's aggregateId (a limit belongs to the user of its events)");
