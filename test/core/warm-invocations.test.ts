import { getLimit, getWatermark } from '../support/store-reads';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { created, progressChanged } from './helpers/events';

/** A fresh load of the deployed handler module, as a new Lambda container does. */
const loadContainer = async () => {
  jest.resetModules();
  return import('../../lambda/processor/handler');
};

describe('the deployed handler module', () => {
  beforeEach(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shares its store across warm invocations of one container', async () => {
    const { handler, store } = await loadContainer();
    const [first, second] = wrapDomainEvents([created(1), progressChanged(2, '0', '42.5')]);
    expect(await handler({ Records: [first!] })).toEqual({ batchItemFailures: [] });
    expect(await handler({ Records: [second!] })).toEqual({ batchItemFailures: [] });
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('42.5');
  });

  it('starts empty in a new container (cold start), whatever the previous container held', async () => {
    const previous = await loadContainer();
    expect(await previous.handler({ Records: wrapDomainEvents([created(1)]) })).toEqual({ batchItemFailures: [] });
    expect(await getLimit(previous.store, 'limit-1')).toBeDefined();
    expect(await getWatermark(previous.store, 'user-1')).toBe(1);

    const next = await loadContainer();
    expect(next.store).not.toBe(previous.store);
    expect(await getLimit(next.store, 'limit-1')).toBeUndefined();
    expect(await getWatermark(next.store, 'user-1')).toBeUndefined();
  });
});
