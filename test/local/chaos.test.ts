import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ChaosHttpHandler } from '../../tools/local/chaos/chaos-handler';
import { createFaultPlan, FAULT_KINDS, type FaultKind } from '../../tools/local/chaos/fault-plan';
import { createLocalClients, type LocalClients } from '../../tools/local/dynamodb-clients';
import { startDynalite, type RunningDynalite } from '../../tools/local/dynalite-server';
import type { SdkHttpHandler, SdkHttpRequest } from '../../tools/local/http-layer';

const TABLE = 'chaos-test';
let dynalite: RunningDynalite;
let clean: LocalClients;
const opened: LocalClients[] = [];

const open = (options: Omit<Parameters<typeof createLocalClients>[0], 'endpoint'>): LocalClients => {
  const clients = createLocalClients({ endpoint: dynalite.endpoint, ...options });
  opened.push(clients);
  return clients;
};
const put = (clients: LocalClients, id: string) =>
  clients.client.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: id }, value: { N: '1' } } }));
const exists = async (id: string) =>
  (await clean.client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } }, ConsistentRead: true }))).Item !== undefined;

beforeAll(async () => {
  dynalite = await startDynalite();
  clean = open({});
  await clean.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  for (const clients of opened) clients.destroy();
  await dynalite.stop();
});

/** The fields of a thrown SDK or Node error the assertions read. */
type SdkError = { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };

/** A request handler that answers 200 at once, for decisions without a network. */
const answering: SdkHttpHandler = {
  handle: async () => ({ response: { statusCode: 200, headers: {}, body: undefined } }),
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
};
const request = (operation: string) => ({ headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` } }) as unknown as SdkHttpRequest;
const decisions = async (seed: number, count: number) => {
  const chaos = new ChaosHttpHandler(answering, { probability: 0.3, seed, timeoutMs: 0 });
  for (let index = 0; index < count; index += 1) {
    await chaos.handle(request(index % 2 === 0 ? 'BatchWriteItem' : 'BatchGetItem')).catch(() => undefined);
  }
  return chaos;
};

describe('fault plan', () => {
  it('the same seed replays the same sequence; another seed gives another', () => {
    const sequence = (seed: number) => {
      const decide = createFaultPlan({ probability: 0.3, seed });
      return Array.from({ length: 500 }, () => decide());
    };
    expect(sequence(7)).toEqual(sequence(7));
    expect(sequence(8)).not.toEqual(sequence(7));
  });

  it('fails about P of the requests, every kind and both throttling codes among them', () => {
    const decide = createFaultPlan({ probability: 0.2, seed: 1 });
    const all = Array.from({ length: 20_000 }, () => decide());
    const faults = all.filter((decision) => decision.kind !== 'none');
    expect(faults.length / all.length).toBeGreaterThan(0.18);
    expect(faults.length / all.length).toBeLessThan(0.22);
    for (const kind of FAULT_KINDS) expect(faults.filter((decision) => decision.kind === kind).length).toBeGreaterThan(faults.length / 5);
    const codes = new Set(faults.map((decision) => (decision.kind === 'throttling' ? decision.code : undefined)));
    expect(codes).toEqual(new Set([undefined, 'ProvisionedThroughputExceededException', 'ThrottlingException']));
  });

  it('P = 0 never fails; P outside [0, 1) is refused', () => {
    const decide = createFaultPlan({ probability: 0, seed: 3 });
    expect(Array.from({ length: 1000 }, () => decide().kind)).toEqual(Array(1000).fill('none'));
    expect(() => createFaultPlan({ probability: 1, seed: 3 })).toThrow(RangeError);
    expect(() => createFaultPlan({ probability: -0.1, seed: 3 })).toThrow(RangeError);
  });
});

describe('ChaosHttpHandler', () => {
  it('logs and counts the same decisions per request for the same seed', async () => {
    const first = await decisions(11, 300);
    const second = await decisions(11, 300);
    expect(second.events()).toEqual(first.events());
    expect(second.counters()).toEqual(first.counters());
    const counters = first.counters();
    expect(counters.requests).toBe(300);
    for (const kind of FAULT_KINDS) expect(counters.faults[kind]).toBeGreaterThan(0);
    expect(Object.keys(counters.faultsByOperation).sort()).toEqual(['BatchGetItem', 'BatchWriteItem']);
    expect((await decisions(12, 300)).events()).not.toEqual(first.events());
  });

  it.each([
    [
      'throttling',
      (error: SdkError) =>
        ['ProvisionedThroughputExceededException', 'ThrottlingException'].includes(error.name ?? '') &&
        error.$metadata?.httpStatusCode === 400,
    ],
    ['server-error', (error: SdkError) => error.name === 'InternalServerError' && error.$metadata?.httpStatusCode === 500],
    ['timeout', (error: SdkError) => error.name === 'TimeoutError' && error.code === 'ETIMEDOUT'],
    ['lost-response', (error: SdkError) => error.code === 'ECONNRESET'],
  ] as const)('%s reaches the SDK as DynamoDB or Node would send it', async (kind, isExpected) => {
    const clients = open({ chaos: { probability: 0.99, seed: 5, kinds: [kind], timeoutMs: 20 }, maxAttempts: 1 });
    const error = await put(clients, `shape-${kind}`).then(
      () => undefined,
      (thrown: unknown) => thrown as SdkError,
    );
    expect(error).toBeDefined();
    expect(isExpected(error!)).toBe(true);
    expect(clients.chaos?.counters().faults[kind]).toBe(1);
  });

  it.each(FAULT_KINDS.map((kind) => [kind]))('the SDK standard retry retries %s until the write goes through', async (kind: FaultKind) => {
    const clients = open({ chaos: { probability: 0.4, seed: 21, kinds: [kind], timeoutMs: 20 }, maxAttempts: 10 });
    const ids = Array.from({ length: 8 }, (_, index) => `retried-${kind}-${index}`);
    for (const id of ids) await put(clients, id);
    const faults = clients.chaos?.counters().faults[kind] ?? 0;
    expect(faults).toBeGreaterThan(0);
    expect(clients.requests.total()).toBe(ids.length + faults);
    for (const id of ids) expect(await exists(id)).toBe(true);
  });

  it('a lost response: the write IS applied in dynalite, the caller only sees a reset connection', async () => {
    const clients = open({ chaos: { probability: 0.99, seed: 5, kinds: ['lost-response'] }, maxAttempts: 1 });
    await expect(put(clients, 'lost-but-applied')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await exists('lost-but-applied')).toBe(true);
  });

  it('throttling, 500 and timeout faults apply nothing', async () => {
    for (const kind of ['throttling', 'server-error', 'timeout'] as const) {
      const clients = open({ chaos: { probability: 0.99, seed: 5, kinds: [kind], timeoutMs: 10 }, maxAttempts: 1 });
      await expect(put(clients, `not-applied-${kind}`)).rejects.toBeDefined();
      expect(await exists(`not-applied-${kind}`)).toBe(false);
    }
  });

  it('counts requests per operation, retries included', async () => {
    const clients = open({ latencyMs: 1 });
    await put(clients, 'counted');
    await clients.client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'counted' } } }));
    expect(clients.requests.byOperation()).toEqual({ GetItem: 1, PutItem: 1 });
    expect(clients.requests.total()).toBe(2);
  });
});
