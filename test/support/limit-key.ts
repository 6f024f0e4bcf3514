import type { LimitKey } from '../../lambda/store/user-limit-store';

/** A key as a plain comparable value, for expectations. */
export const limitKeyOf = (key: LimitKey): string => `${key.userId}/${key.userLimitId}`;
