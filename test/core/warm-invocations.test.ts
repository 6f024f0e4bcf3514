import { getLimit, getWatermark } from '../support/store-reads';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { created, progressChanged } from './helpers/events';

describe('the deployed handler module', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shares its store across warm invocations of one container', async () => {
    const { handler, store } = await import('../../lambda/processor/handler');
    const [first, second] = wrapDomainEvents([created(1), progressChanged(2, '0', '42.5')]);
    expect(await handler({ Records: [first!] })).toEqual({ batchItemFailures: [] });
    expect(await handler({ Records: [second!] })).toEqual({ batchItemFailures: [] });
    expect((await getLimit(store, 'limit-1'))?.progress).toBe('42.5');
  });

  it('starts empty in a new container (cold start)', async () => {
    const { store } = await import('../../lambda/processor/handler');
    expect(await getLimit(store, 'limit-1')).toBeUndefined();
  });
});
