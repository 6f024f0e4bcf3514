import { type FetchSecret, nextTokenKeySource, onceUntilSuccess, parseNextTokenSecret } from '../../lambda/read-api/next-token-key';
import { captureLogs } from '../support/log-capture';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:NextTokenKey-AbCdEf';
const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => index * 7));

/** A fake Secrets Manager: answers with the queued outcomes in order, and counts the calls. */
const fakeSecrets = (...outcomes: Array<string | Error>) => {
  const calls: string[] = [];
  const fetchSecret: FetchSecret = async (secretId) => {
    calls.push(secretId);
    const outcome = outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { fetchSecret, calls };
};

const neverFetch: FetchSecret = async () => {
  throw new Error('Secrets Manager must not be called');
};

describe('parsing the paging-token key', () => {
  test('hex, base64 and base64url of 32 bytes give the same key', () => {
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]) {
      expect(parseNextTokenSecret(text).equals(bytes)).toBe(true);
    }
  });

  test('fewer than 32 bytes, or text that is neither hex nor base64, is refused, naming where it came from', () => {
    for (const text of [Buffer.alloc(31).toString('hex'), Buffer.alloc(31).toString('base64'), 'not a secret!', 'short']) {
      expect(() => parseNextTokenSecret(text)).toThrow('NEXT_TOKEN_SECRET must be hex or base64 of at least 32 bytes');
      expect(() => parseNextTokenSecret(text, 'the secret')).toThrow('the secret must be hex or base64 of at least 32 bytes');
    }
  });

  test('what the stack generates (64 letters and digits) reads as base64: a 48-byte key', () => {
    const generated = 'k3Jq9ZpL2mWx7VbN4cRt8YhF1sDg6AeU0oIyQ5wKzXvB2nMjH7lPa9CrE3tGu6Sd';
    expect(parseNextTokenSecret(generated)).toHaveLength(48);
  });
});

describe('onceUntilSuccess', () => {
  test('concurrent and later callers share one load once it succeeded', async () => {
    let loads = 0;
    const get = onceUntilSuccess(async () => ++loads);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(await get()).toBe(1);
    expect(loads).toBe(1);
  });

  test('a failure reaches the callers waiting for it, then the next call loads again', async () => {
    let loads = 0;
    const get = onceUntilSuccess(async () => {
      loads += 1;
      if (loads === 1) throw new Error('throttled');
      return loads;
    });
    await expect(Promise.all([get(), get()])).rejects.toThrow('throttled');
    expect(loads).toBe(1);
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
  });
});

describe('the paging-token key from the environment', () => {
  test('NEXT_TOKEN_SECRET_ARN: the secret is read on first use only, once, and kept', async () => {
    const logs = captureLogs();
    const secrets = fakeSecrets(bytes.toString('hex'));
    const key = nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET_ARN: SECRET_ARN },
      logger: logs.logger,
      fetchSecret: secrets.fetchSecret,
    });
    expect(secrets.calls).toEqual([]);
    const keys = await Promise.all(Array.from({ length: 5 }, () => key()));
    expect(await key()).toBe(keys[0]);
    expect(keys[0]!.equals(bytes)).toBe(true);
    expect(secrets.calls).toEqual([SECRET_ARN]);
    expect(logs.entries()).toEqual([]);
  });

  test('a failed read rejects with the ARN and the reason, and the next call reads again', async () => {
    const secrets = fakeSecrets(new Error('AccessDeniedException: not authorized'), bytes.toString('base64'));
    const key = nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET_ARN: SECRET_ARN },
      logger: captureLogs().logger,
      fetchSecret: secrets.fetchSecret,
    });
    await expect(key()).rejects.toThrow(`reading the paging-token key from ${SECRET_ARN} failed: AccessDeniedException: not authorized`);
    expect((await key()).equals(bytes)).toBe(true);
    expect(secrets.calls).toHaveLength(2);
  });

  test('a secret too short to be a key is a clear error, and is read again next time (fixed without a redeploy)', async () => {
    const secrets = fakeSecrets('abcd', bytes.toString('hex'));
    const key = nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET_ARN: SECRET_ARN },
      logger: captureLogs().logger,
      fetchSecret: secrets.fetchSecret,
    });
    await expect(key()).rejects.toThrow(
      `the secret NEXT_TOKEN_SECRET_ARN names (${SECRET_ARN}) must be hex or base64 of at least 32 bytes`,
    );
    expect((await key()).equals(bytes)).toBe(true);
    expect(secrets.calls).toHaveLength(2);
  });

  test('NEXT_TOKEN_SECRET: used as given, checked at cold start, no secret read, no warning', async () => {
    const logs = captureLogs();
    const key = nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET: bytes.toString('base64') },
      logger: logs.logger,
      fetchSecret: neverFetch,
    });
    expect((await key()).equals(bytes)).toBe(true);
    expect(logs.entries()).toEqual([]);
    expect(() => nextTokenKeySource({ environment: { NEXT_TOKEN_SECRET: 'abcd' }, logger: logs.logger, fetchSecret: neverFetch })).toThrow(
      'NEXT_TOKEN_SECRET must be hex or base64 of at least 32 bytes',
    );
  });

  test('both set: refused at cold start', () => {
    expect(() =>
      nextTokenKeySource({
        environment: { NEXT_TOKEN_SECRET_ARN: SECRET_ARN, NEXT_TOKEN_SECRET: bytes.toString('hex') },
        logger: captureLogs().logger,
        fetchSecret: neverFetch,
      }),
    ).toThrow('set NEXT_TOKEN_SECRET_ARN or NEXT_TOKEN_SECRET, not both');
  });

  test('neither set: a random 32-byte key per container and one WARN that tokens do not survive a cold start', async () => {
    const logs = captureLogs();
    const first = nextTokenKeySource({ environment: {}, logger: logs.logger, fetchSecret: neverFetch });
    const second = nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET: '', NEXT_TOKEN_SECRET_ARN: ' ' },
      logger: logs.logger,
      fetchSecret: neverFetch,
    });
    expect(await first()).toHaveLength(32);
    expect(await first()).toBe(await first());
    expect((await first()).equals(await second())).toBe(false);
    expect(logs.entries().map((entry) => [entry.level, entry.message])).toEqual([
      ['WARN', expect.stringContaining('do not survive a cold start')],
      ['WARN', expect.stringContaining('do not survive a cold start')],
    ]);
  });
});
