import { LIMIT_PERIODS, LIMIT_TYPES } from '../lambda/domain/user-limit';

/** One record to put on the stream: the producer's exact bytes and its partition key. */
export interface WorkloadRecord {
  partitionKey: string;
  data: Buffer;
}

export interface WorkloadOptions {
  /** Records in all, redeliveries and poison included. */
  records: number;
  users: number;
  /** Share of each kind among fresh events; they need not sum to 1. */
  mix?: { created: number; progress: number; reset: number; unrelated: number };
  /** Share of records that repeat an earlier record of the same user, byte for byte. */
  redeliveryRate?: number;
  /** Share of records that are poison (bad bytes, bad JSON, bad fields). */
  poisonRate?: number;
  seed?: number;
}

const DEFAULT_MIX = { created: 0.1, progress: 0.7, reset: 0.1, unrelated: 0.1 };
/** Event types of the stream that carry no limit change (DOMAIN.md: ignored). */
export const UNRELATED_TYPES = ['LIMIT_USER_CREATED', 'USER_LIMIT_CHANGE_SOURCE_ADDED', 'LIMIT_USER_PENDING_PAYMENT_PROCESSED'];
/** The recorded stream's first createdAt (ms). */
export const EPOCH = 1_647_945_426_109;
export const DAY_MS = 86_400_000;

/** mulberry32: small, fast, deterministic; the same seed gives the same workload. */
export const randomFrom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface LimitState extends GeneratedLimit {
  created: boolean;
}

interface UserState {
  userId: string;
  sequence: number;
  limits: LimitState[];
  sent: Buffer[];
}

/** Cents as an exact two-decimal amount string. */
export const cents = (value: number): string => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

/** A limit as the generators track it; progress in cents, to print exact two-decimal amounts. */
export interface GeneratedLimit {
  userLimitId: string;
  value: number;
  progressCents: number;
}

/** The USER_LIMIT_CREATED payload of `limit` (without the fields every event carries: brand, currency, user). */
export const createdPayload = (
  limit: GeneratedLimit,
  fields: { activeFrom: number; nextResetTime: number; period: string; type: string },
) => ({
  activeFrom: fields.activeFrom,
  nextResetTime: fields.nextResetTime,
  period: fields.period,
  status: 'ACTIVE',
  type: fields.type,
  userLimitId: limit.userLimitId,
  value: String(limit.value),
});

/** Moves `limit` by `amountCents` and gives the USER_LIMIT_PROGRESS_CHANGED payload that says so. */
export const progressPayload = (limit: GeneratedLimit, amountCents: number, nextResetTime: number) => {
  const previous = limit.progressCents;
  limit.progressCents += amountCents;
  return {
    amount: cents(amountCents),
    nextResetTime,
    previousProgress: cents(previous),
    remainingAmount: cents(limit.value * 100 - limit.progressCents),
    userLimitId: limit.userLimitId,
  };
};

/** Clears `limit`'s progress and gives the USER_LIMIT_RESET payload that says so. */
export const resetPayload = (limit: GeneratedLimit, nextResetTime: number, period: string) => {
  const payload = {
    nextResetTime,
    period,
    resetAmount: cents(limit.progressCents),
    type: 'DEPOSIT',
    unusedAmount: cents(Math.max(0, limit.value * 100 - limit.progressCents)),
    userLimitId: limit.userLimitId,
  };
  limit.progressCents = 0;
  return payload;
};

/**
 * A realistic, seeded stream shaped like the recorded one: many users with
 * 1–3 limits each, per-user increasing sequence numbers, amounts as exact
 * decimal strings, unrelated event types, optional redeliveries and poison.
 */
export const generateWorkload = (options: WorkloadOptions): WorkloadRecord[] => {
  const random = randomFrom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const id = () => Array.from({ length: 20 }, () => pick([...ALPHABET])).join('');
  const mix = options.mix ?? DEFAULT_MIX;
  const mixTotal = mix.created + mix.progress + mix.reset + mix.unrelated;
  const users: UserState[] = Array.from({ length: options.users }, () => ({
    userId: id(),
    sequence: 0,
    limits: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      userLimitId: id(),
      value: pick([1000, 5000, 10000, 50000, 250000]),
      progressCents: 0,
      created: false,
    })),
    sent: [],
  }));
  const records: WorkloadRecord[] = [];
  const emit = (user: UserState, type: string, payload: Record<string, unknown>, correlated: boolean) => {
    user.sequence += 1 + (random() < 0.02 ? Math.floor(random() * 200) : 0);
    const createdAt = EPOCH + records.length * 61;
    const event = {
      aggregateId: user.userId,
      context: correlated ? { correlationId: id() } : {},
      createdAt,
      eventId: id(),
      payload: { brandId: '000000000000000000000001', currencyCode: 'SEK', userId: user.userId, ...payload },
      sequenceNumber: user.sequence,
      source: 'limitUser',
      type,
    };
    const data = Buffer.from(JSON.stringify(event), 'utf8');
    user.sent.push(data);
    records.push({ partitionKey: user.userId, data });
  };
  while (records.length < options.records) {
    const user = pick(users);
    const roll = random();
    if (roll < (options.poisonRate ?? 0)) {
      records.push({ partitionKey: user.userId, data: poisonRecord(random, user.userId) });
      continue;
    }
    if (roll < (options.poisonRate ?? 0) + (options.redeliveryRate ?? 0) && user.sent.length > 0) {
      records.push({ partitionKey: user.userId, data: pick(user.sent) });
      continue;
    }
    let kind = random() * mixTotal;
    const created = user.limits.filter((candidate) => candidate.created);
    // Mostly act on limits that exist; a few orphans stay, as in the recorded stream.
    const limit = kind >= mix.created && created.length > 0 && random() > 0.02 ? pick(created) : pick(user.limits);
    if (kind >= mix.created && !limit.created && random() > 0.02) kind = 0;
    const period = pick(LIMIT_PERIODS);
    const nextResetTime = EPOCH + records.length * 61 + DAY_MS;
    if (kind < mix.created) {
      limit.created = true;
      emit(
        user,
        'USER_LIMIT_CREATED',
        createdPayload(limit, { activeFrom: EPOCH + records.length * 61, nextResetTime, period, type: pick(LIMIT_TYPES) }),
        true,
      );
    } else if (kind < mix.created + mix.progress) {
      emit(user, 'USER_LIMIT_PROGRESS_CHANGED', progressPayload(limit, 1 + Math.floor(random() * 50_000), nextResetTime), false);
    } else if (kind < mix.created + mix.progress + mix.reset) {
      emit(user, 'USER_LIMIT_RESET', resetPayload(limit, nextResetTime, period), false);
    } else {
      emit(user, pick(UNRELATED_TYPES), { sourceId: user.userId, amount: '200' }, false);
    }
  }
  return records;
};

const poisonRecord = (random: () => number, userId: string): Buffer => {
  const kinds = [
    () => Buffer.from('not json at all', 'utf8'),
    () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    () => Buffer.from('[]', 'utf8'),
    () =>
      Buffer.from(
        JSON.stringify({ eventId: 'x', type: 'USER_LIMIT_RESET', aggregateId: userId, sequenceNumber: -1, createdAt: EPOCH, payload: {} }),
      ),
    () =>
      Buffer.from(
        JSON.stringify({
          eventId: 'x',
          type: 'USER_LIMIT_PROGRESS_CHANGED',
          aggregateId: userId,
          sequenceNumber: 1,
          createdAt: EPOCH,
          payload: { userLimitId: 'x', amount: 200, previousProgress: '0' },
        }),
      ),
    () =>
      Buffer.from(
        JSON.stringify({
          eventId: 'x',
          type: 'USER_LIMIT_RESET',
          aggregateId: userId,
          sequenceNumber: 1,
          createdAt: EPOCH,
          payload: { userLimitId: 'x', userId: `not-${userId}` },
        }),
      ),
  ];
  return kinds[Math.floor(random() * kinds.length)]!();
};
