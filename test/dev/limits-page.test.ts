import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Page } from 'playwright-core';
import { createKinesisClient } from '../../tools/kinesis/client';
import { produceRecords } from '../../tools/kinesis/producer';
import { startDevStack, type RunningDevStack } from '../../tools/dev/stack';
import { createLoggerTo } from '../../tools/stderr-logger';
import { launchChromium } from './support/chromium';

const RECORDED_USER = 'VijPYTEOgK7dxLs5fBjJ';
const DAILY_LIMIT_ID = 'LKMgxoE0yFgH6F6iShEu';
const OUTPUT = join(__dirname, '..', '..', 'test-output');
const recorded = JSON.parse(readFileSync(join(__dirname, '..', '..', 'tools', 'fixtures', 'recorded-stream.json'), 'utf8')) as Array<
  Record<string, unknown>
>;

/** The next event of the recording's user: 2500.50 SEK deposited against the daily limit. */
const depositEvent = {
  aggregateId: RECORDED_USER,
  context: {},
  createdAt: 1650710900000,
  eventId: 'dev-test-progress-1',
  payload: {
    amount: '2500.50',
    brandId: '000000000000000000000001',
    currencyCode: 'SEK',
    nextResetTime: 1650710890592,
    previousProgress: '0',
    remainingAmount: '7499.50',
    userId: RECORDED_USER,
    userLimitId: DAILY_LIMIT_ID,
  },
  sequenceNumber: 240,
  source: 'limitUser',
  type: 'USER_LIMIT_PROGRESS_CHANGED',
};

/** Intl puts no-break spaces (U+00A0, U+202F) between amounts and currencies: compare them as plain spaces. */
const plain = (text: unknown) => String(text).replace(/\s/g, ' ');

/** Checks `condition` every 50 ms until it holds; fails after `timeoutMs` (the page's CSP forbids waitForFunction's string evaluation). */
const waitUntil = async (condition: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the limits page in Chromium against the dev stack', () => {
  let stack: RunningDevStack;
  let stopped = false;
  const log: string[] = [];
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  const produce = async (events: ReadonlyArray<Record<string, unknown>>) => {
    const client = createKinesisClient({ endpoint: stack.info.kinesisEndpoint });
    try {
      await produceRecords(
        { client, endpoint: stack.info.kinesisEndpoint },
        events.map((event) => ({ partitionKey: String(event.aggregateId), data: Buffer.from(JSON.stringify(event)) })),
        { streamName: stack.info.streamName },
      );
    } finally {
      client.destroy();
    }
  };
  const processed = () => log.reduce((sum, line) => sum + Number(/batch of (\d+) records/.exec(line)?.[1] ?? 0), 0);

  const signIn = async (userId: string, options: { view?: string; support?: boolean } = {}) => {
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Your user id').fill(userId);
    if ((await page.locator('details').getAttribute('open')) === null) await page.locator('summary').click();
    await page.getByLabel('Show the limits of user id').fill(options.view ?? '');
    await page.getByLabel(/Support staff/).setChecked(options.support ?? false);
    await page.getByRole('button', { name: 'Show limits' }).click();
  };
  const cards = () => page.getByRole('list', { name: 'Limits' }).getByRole('listitem');
  const card = (title: string) => cards().filter({ has: page.getByRole('heading', { name: title }) });

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    stack = await startDevStack({ port: 0, logger: createLoggerTo(new PassThrough(), 'ERROR'), log: (line) => log.push(line) });
    browser = await launchChromium({ locale: 'en-US', timezoneId: 'Europe/Stockholm' });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (!stopped) await stack?.stop();
  });

  it('shows the recorded user’s three DEPOSIT limits, then moves the daily bar when a deposit is produced', async () => {
    await produce(recorded);
    await waitUntil(async () => processed() >= recorded.length, 10_000);
    expect(processed()).toBe(recorded.length);

    await page.goto(stack.info.pageUrl);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe('Sign in to see your limits.');
    await signIn(RECORDED_USER);
    await cards().first().waitFor();
    expect(await cards().count()).toBe(3);

    const expected = [
      { title: 'Deposit limit · Daily', value: 'SEK 10,000.00', reset: /^Apr 23, 2022, 12:48\sPM$/, iso: '2022-04-23T10:48:10.592Z' },
      { title: 'Deposit limit · Weekly', value: 'SEK 50,000.00', reset: /^Apr 26, 2022, 12:48\sPM$/, iso: '2022-04-26T10:48:10.760Z' },
      { title: 'Deposit limit · Monthly', value: 'SEK 250,000.00', reset: /^May 22, 2022, 12:48\sPM$/, iso: '2022-05-22T10:48:10.824Z' },
    ];
    for (const limit of expected) {
      const shown = card(limit.title);
      expect(plain(await shown.locator('.amounts').textContent())).toBe(`SEK 0.00 used of ${limit.value}`);
      await expect(shown.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('0');
      expect(plain(await shown.locator('.remaining').textContent())).toBe(limit.value);
      await expect(shown.locator('.badge').textContent()).resolves.toBe('Active');
      await expect(shown.locator('time').textContent()).resolves.toMatch(limit.reset);
      await expect(shown.locator('time').getAttribute('datetime')).resolves.toBe(limit.iso);
    }

    const producedAt = Date.now();
    await produce([depositEvent]);
    const daily = card('Deposit limit · Daily');
    await waitUntil(async () => (await daily.getByRole('progressbar').getAttribute('aria-valuenow')) !== '0', 5_000);
    // Kept for the README's figure (test-output/ is git-ignored); the bound above is the test.
    writeFileSync(join(OUTPUT, 'bar-latency-ms.txt'), `${Date.now() - producedAt}\n`, { flag: 'a' });
    await expect(daily.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('25');
    expect(plain(await daily.locator('.amounts').textContent())).toBe('SEK 2,500.50 used of SEK 10,000.00');
    expect(plain(await daily.locator('.remaining').textContent())).toBe('SEK 7,499.50');
    await expect(daily.locator('.bar-fill').getAttribute('style')).resolves.toBe('width: 25%;');
    expect(plain(await page.locator('#announcer').textContent())).toContain('Deposit limit · Daily: SEK 2,500.50 used of SEK 10,000.00');
    await page.waitForTimeout(500); // the bar's width transition
    await page.screenshot({ path: join(OUTPUT, 'limits-page.png'), fullPage: true });

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(OUTPUT, 'limits-page-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 800 });
  });

  it('shows the 403 state in words for another user’s token, and support staff read anyone’s limits', async () => {
    await signIn('someone-else', { view: RECORDED_USER });
    const state = page.locator('#state');
    await waitUntil(async () => (await state.getAttribute('data-tone')) === 'error', 5_000);
    await expect(state.textContent()).resolves.toBe(
      `You are not allowed to see the limits of user ${RECORDED_USER}. Sign in as that user to see them.`,
    );
    expect(await cards().count()).toBe(0);
    await page.screenshot({ path: join(OUTPUT, 'limits-page-403.png') });

    await signIn('support-agent', { view: RECORDED_USER, support: true });
    await cards().first().waitFor();
    expect(await cards().count()).toBe(3);
  });

  it('shows the empty state, the network state once the stack is gone, and the 401 state when it is back with a new key', async () => {
    await signIn('nobody');
    await page.getByText('No limits are set for this account yet.').waitFor();
    expect(await cards().count()).toBe(0);

    await signIn(RECORDED_USER);
    await cards().first().waitFor();
    await stack.stop();
    stopped = true;
    await page.getByText(/^Cannot reach the limits service\. Showing the last limits received\./).waitFor({ timeout: 5_000 });
    expect(await cards().count()).toBe(3);

    // `npm run dev` started again on the same port: a new signing key, so the page's token is refused.
    stack = await startDevStack({
      port: Number(new URL(stack.info.apiUrl).port),
      logger: createLoggerTo(new PassThrough(), 'ERROR'),
      log: () => undefined,
    });
    stopped = false;
    await page.getByText('Your session is not valid or has expired. Please sign in again.').waitFor({ timeout: 5_000 });
    expect(await cards().count()).toBe(0);
  });
});

describe('the page’s formatting, run in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let stack: RunningDevStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startDevStack({ port: 0, shards: 1, logger: createLoggerTo(new PassThrough(), 'ERROR'), log: () => undefined });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(stack.info.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Runs an expression in the page with the page's modules imported (a string: ts-jest would turn import() into require()). */
  const inPage = async (body: string) => {
    const result = await page.evaluate(
      `Promise.all([import('/format.js'), import('/decimal.js'), import('/limit-card.js')]).then(([format, decimal, card]) => (${body}))`,
    );
    if (typeof result === 'string') return plain(result);
    if (typeof result !== 'object' || result === null) return result;
    return Object.fromEntries(Object.entries(result).map(([name, value]) => [name, typeof value === 'string' ? plain(value) : value]));
  };

  it('formats amounts from the decimal string, every digit exact', async () => {
    await expect(inPage(`format.formatMoney('12345678901234567890.123456789', 'SEK', 'en-US')`)).resolves.toBe(
      'SEK 12,345,678,901,234,567,890.123456789',
    );
    await expect(inPage(`format.formatMoney('9007199254740993', 'EUR', 'en-US')`)).resolves.toBe('€9,007,199,254,740,993.00');
    await expect(inPage(`format.formatMoney('0.1', 'SEK', 'en-US')`)).resolves.toBe('SEK 0.10');
    await expect(inPage(`format.formatMoney('100', 'JPY', 'en-US')`)).resolves.toBe('¥100');
    await expect(inPage(`format.formatMoney('9800.005', 'SEK', 'sv-SE')`)).resolves.toBe('9 800,005 kr');
    await expect(inPage(`format.formatMoney('5', 'XYZ1', 'en-US')`)).resolves.toBe('5 XYZ1');
  });

  it('subtracts exactly, where floating point would not', async () => {
    await expect(inPage(`decimal.subtractDecimal('0.3', '0.1')`)).resolves.toBe('0.2');
    await expect(inPage(`decimal.subtractDecimal('10000', '2500.50')`)).resolves.toBe('7499.50');
    await expect(inPage(`decimal.subtractDecimal('200', '250.5')`)).resolves.toBe('-50.5');
    await expect(inPage(`decimal.subtractDecimal('99999999999999999999.99', '0.01')`)).resolves.toBe('99999999999999999999.98');
    await expect(inPage(`decimal.compareDecimal('10.0', '10')`)).resolves.toBe(0);
  });

  it('describes a limit used past its value as over, with nothing remaining, and a session limit as time', async () => {
    const over = (await inPage(
      `card.describeLimit({ userLimitId: 'a', type: 'LOSS', period: 'WEEK', status: 'IN_COOLDOWN', value: '100', progress: '120.25', currencyCode: 'EUR' }, 'en-US')`,
    )) as Record<string, unknown>;
    expect(over).toMatchObject({
      title: 'Loss limit · Weekly',
      status: 'In cooldown',
      used: '€120.25',
      remaining: '€0.00',
      over: '€20.25',
      percent: 100,
    });
    const session = (await inPage(
      `card.describeLimit({ userLimitId: 'b', type: 'SESSION', period: 'DAY', status: 'ACTIVE', value: '82800', progress: '5430', currencyCode: 'SEK' }, 'en-US')`,
    )) as Record<string, unknown>;
    expect(session).toMatchObject({ value: '23 hours', used: '1 hour 30 minutes 30 seconds', remaining: '21 hours 29 minutes 30 seconds' });
  });
});
