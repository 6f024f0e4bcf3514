import fc from 'fast-check';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { OutcomeCounts } from '../../lambda/processor/pipeline/outcome';
import { EventSourceEmulator } from '../../tools/event-source-emulator';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { sortUserLimits } from '../../tools/replay-inputs';
import { captureLogs } from './log-capture';

/** Shared fast-check settings: moderate runs, and the seed printed on failure to replay it. */
export const PROPERTY_RUNS = { numRuns: 100 } as const;

type StepKind = 'created' | 'progress' | 'reset' | 'unrelated';

/** One generated step: which user and limit it touches, what it does, and its amounts. */
interface Step {
  user: number;
  limit: number;
  kind: StepKind;
  value: bigint;
  amountCents: bigint;
  /** Sends a wrong previousProgress (a missed event upstream). */
  gap: boolean;
  /** Extra jump in the user's sequence numbers (events cut out upstream). */
  skip: number;
}

const stepArbitrary = (users: number, limitsPerUser: number): fc.Arbitrary<Step> =>
  fc.record({
    user: fc.nat(users - 1),
    limit: fc.nat(limitsPerUser - 1),
    kind: fc.constantFrom<StepKind>('created', 'progress', 'progress', 'reset', 'unrelated'),
    value: fc.bigInt({ min: 1n, max: 10n ** 22n }),
    amountCents: fc.bigInt({ min: 0n, max: 10n ** 24n }),
    gap: fc.nat(9).map((roll) => roll === 0),
    skip: fc.oneof(fc.constant(0), fc.nat(5)),
  });

const cents = (value: bigint): string => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

/**
 * Valid domain events for a few users and limits, shaped like the recorded
 * stream: per-user increasing sequence numbers with gaps, some orphans (a
 * progress before its creation), re-creations, resets, unrelated types, and
 * amounts far beyond a double's precision.
 */
export const domainStreamArbitrary = (options: { maxEvents?: number } = {}): fc.Arbitrary<object[]> =>
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }))
    .chain(([users, limits]) => fc.array(stepArbitrary(users, limits), { minLength: 1, maxLength: options.maxEvents ?? 30 }))
    .map(buildEvents);

const buildEvents = (steps: readonly Step[]): object[] => {
  const sequence = new Map<number, number>();
  const progress = new Map<string, bigint>();
  return steps.map((step, index) => {
    const userId = `user-${step.user}`;
    const userLimitId = `limit-${step.user}-${step.limit}`;
    const sequenceNumber = (sequence.get(step.user) ?? 0) + 1 + step.skip;
    sequence.set(step.user, sequenceNumber);
    const createdAt = 1_647_945_426_109 + index * 1000;
    const common = { userLimitId, userId, brandId: 'brand-1', currencyCode: 'SEK' };
    let type: string;
    let payload: Record<string, unknown>;
    if (step.kind === 'created') {
      type = 'USER_LIMIT_CREATED';
      payload = {
        ...common,
        type: 'DEPOSIT',
        period: 'DAY',
        status: 'ACTIVE',
        value: String(step.value),
        activeFrom: createdAt,
        nextResetTime: createdAt + 86_400_000,
      };
    } else if (step.kind === 'progress') {
      const previous = progress.get(userLimitId) ?? 0n;
      const next = previous + step.amountCents;
      progress.set(userLimitId, next);
      type = 'USER_LIMIT_PROGRESS_CHANGED';
      payload = {
        ...common,
        amount: cents(step.amountCents),
        previousProgress: cents(step.gap ? previous + 1n : previous),
        nextResetTime: createdAt + 86_400_000,
      };
    } else if (step.kind === 'reset') {
      progress.set(userLimitId, 0n);
      type = 'USER_LIMIT_RESET';
      payload = { ...common, nextResetTime: createdAt + 86_400_000 };
    } else {
      type = 'LIMIT_USER_CREATED';
      payload = { sourceId: userId };
    }
    return {
      eventId: `event-${index}`,
      type,
      aggregateId: userId,
      sequenceNumber,
      createdAt,
      payload,
      source: 'limitUser',
      context: { correlationId: `correlation-${index}` },
    };
  });
};

/** What a delivery left behind: every limit (sorted) and the emulator's counters. */
export interface DeliveryResult {
  limits: UserLimit[];
  watermarks: Map<string, number>;
  summary: OutcomeCounts;
}

/** The reference: every record delivered exactly once, in order, into a fresh store. */
export const deliverCleanly = async (records: readonly KinesisStreamRecord[]): Promise<DeliveryResult> => {
  const store = new InMemoryUserLimitStore();
  const emulator = new EventSourceEmulator({ store, logger: captureLogs('ERROR').logger });
  await emulator.deliver(records);
  return { limits: sortUserLimits(store.snapshot()), watermarks: store.dump().watermarks, summary: emulator.summary() };
};

/** Kinesis records for domain events, with increasing sequence numbers from `firstIndex`. */
export const toRecords = (events: readonly object[], firstIndex = 0): KinesisStreamRecord[] => wrapDomainEvents(events, { firstIndex });

/**
 * What a delivery's counters must keep however often records were redelivered:
 * a record whose effect became durable in an invocation that then failed (a
 * lost answer, a later write that failed) comes back as `duplicates`, or as
 * `applied` when its orphan limit was created later in the same batch; it can
 * never turn into `ignored`, `rejected` or `failed`, nor be counted twice.
 */
export const redeliveryInvariant = ({ records, applied, duplicates, orphaned, ignored, rejected, failed }: OutcomeCounts) => ({
  records,
  appliedOrOrphanedOrDuplicate: applied + orphaned + duplicates,
  ignored,
  rejected,
  failed,
});
