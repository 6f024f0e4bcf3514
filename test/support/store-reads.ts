import type { UserLimit } from '../../lambda/domain/user-limit';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';

/** The stored limit `userLimitId` of `userId` (default user-1), through the store's own `load`. */
export const getLimit = async (store: UserLimitStore, userLimitId: string, userId = 'user-1'): Promise<UserLimit | undefined> => {
  const key = { userId, userLimitId };
  return (await store.load({ userIds: [], limitKeys: [key] })).limits[0]?.limit;
};

/** A user's watermark, through the store's own `load`. */
export const getWatermark = async (store: UserLimitStore, userId: string): Promise<number | undefined> =>
  (await store.load({ userIds: [userId], limitKeys: [] })).watermarks[0];
