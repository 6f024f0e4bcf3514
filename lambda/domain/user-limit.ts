/** Kinds of responsible-gambling limit a user can set. */
export const LIMIT_TYPES = ['BALANCE', 'BET', 'DEPOSIT', 'LOSS', 'SESSION'] as const;
/** Periods after which a limit's progress goes back to zero. */
export const LIMIT_PERIODS = ['CALENDAR_DAY', 'CALENDAR_WEEK', 'CALENDAR_MONTH', 'DAY', 'INDEFINITE', 'INSTANCE', 'WEEK', 'MONTH'] as const;
/** Lifecycle states of a limit. */
export const LIMIT_STATUSES = ['ACTIVE', 'CANCELED', 'FUTURE', 'IN_COOLDOWN'] as const;

export type LimitType = (typeof LIMIT_TYPES)[number];
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];
export type LimitStatus = (typeof LIMIT_STATUSES)[number];

/**
 * A decimal amount of money as a string of ASCII digits with an optional
 * fraction ("200", "9800.00"). Never converted to a floating-point number.
 */
export type DecimalString = string;

/** The state of one user limit, built only from the limit service's events. */
export interface UserLimit {
  userLimitId: string;
  userId: string;
  brandId: string;
  type: LimitType;
  period: LimitPeriod;
  status: LimitStatus;
  value: DecimalString;
  progress?: DecimalString;
  currencyCode: string;
  /** Epoch milliseconds. */
  activeFrom: number;
  /** Epoch milliseconds. */
  activeUntil?: number;
  /** Epoch milliseconds: when progress next goes back to zero. */
  nextResetTime?: number;
  previousLimitValue?: DecimalString;
  /** Epoch milliseconds: the envelope time of the event that defined the limit. */
  createdAt?: number;
}
