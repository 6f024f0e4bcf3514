import type { LimitEventType } from '../../lambda/domain/events';
import { type EventHandler, findEventHandler } from '../../lambda/processor/pipeline/event-handlers';

describe('the event-type → handler map', () => {
  it('has a handler for each of our types and none for others', () => {
    for (const type of ['USER_LIMIT_CREATED', 'USER_LIMIT_PROGRESS_CHANGED', 'USER_LIMIT_RESET']) {
      expect(findEventHandler(type)).toBeInstanceOf(Function);
    }
    for (const type of ['LIMIT_USER_CREATED', 'constructor', '__proto__', 'hasOwnProperty', '']) {
      expect(findEventHandler(type)).toBeUndefined();
    }
  });

  it('is typed so that a missing handler does not compile (checked by tsc --noEmit)', () => {
    const noop: EventHandler = () => ({ ok: false, reason: 'unused' });
    // @ts-expect-error USER_LIMIT_RESET has no handler: the map type must refuse this.
    const incomplete: { readonly [T in LimitEventType]: EventHandler } = {
      USER_LIMIT_CREATED: noop,
      USER_LIMIT_PROGRESS_CHANGED: noop,
    };
    expect(Object.keys(incomplete)).toHaveLength(2);
  });
});
