import type { UserLimit } from '../../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../../lambda/store/in-memory-store';

/** An in-memory store whose `put` throws once for the listed userLimitIds (a transient outage). */
export class FlakyStore extends InMemoryUserLimitStore {
  readonly failures: string[] = [];
  constructor(private readonly failOnceFor: Set<string>, private readonly timesEach = 1) {
    super();
  }

  override async put(limit: UserLimit): Promise<void> {
    const failedSoFar = this.failures.filter((id) => id === limit.userLimitId).length;
    if (this.failOnceFor.has(limit.userLimitId) && failedSoFar < this.timesEach) {
      this.failures.push(limit.userLimitId);
      throw new Error(`store unavailable for ${limit.userLimitId}`);
    }
    return super.put(limit);
  }
}
