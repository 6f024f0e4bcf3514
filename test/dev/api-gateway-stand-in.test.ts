import type { IncomingHttpHeaders } from 'node:http';
import { SignJWT, generateKeyPair } from 'jose';
import { toApiGatewayEvent } from '../../tools/dev/api-gateway-event';
import { claimAsString, createJwtAuthorizer } from '../../tools/dev/jwt-authorizer';
import { fromLambdaResult } from '../../tools/dev/lambda-response';
import { matchReadApiPath } from '../../tools/dev/read-api-route';
import { createDevTokenIssuer } from '../../tools/dev/token-issuer';

describe('the JWT authorizer stand-in', () => {
  it('passes a valid token’s claims on as strings, as an HTTP API does', async () => {
    const issuer = await createDevTokenIssuer();
    const authorize = createJwtAuthorizer(issuer.settings);
    const token = await issuer.issue({ sub: 'user-1', scope: 'user-limits/read-any openid' });
    const result = await authorize(`Bearer ${token}`);
    expect(result).toMatchObject({
      authorized: true,
      claims: { sub: 'user-1', scope: 'user-limits/read-any openid', iss: issuer.settings.issuer, aud: issuer.settings.audience },
    });
    if (!result.authorized) throw new Error('unreachable');
    expect(Object.values(result.claims).every((value) => typeof value === 'string')).toBe(true);
    expect(result.claims.exp).toMatch(/^[0-9]+$/);
  });

  it('refuses a missing header, another scheme, and a token that is not a JWT', async () => {
    const authorize = createJwtAuthorizer((await createDevTokenIssuer()).settings);
    for (const header of [undefined, '', 'Basic dXNlcjpwdw==', 'Bearer', 'Bearer not-a-jwt']) {
      expect(await authorize(header)).toMatchObject({ authorized: false });
    }
  });

  it('refuses a token signed by another key, an expired one, and one from another issuer', async () => {
    const issuer = await createDevTokenIssuer();
    const authorize = createJwtAuthorizer(issuer.settings);
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (edit: (jwt: SignJWT) => SignJWT, key = otherKey) =>
      edit(new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('user-1')).sign(key);
    const good = (jwt: SignJWT) =>
      jwt
        .setIssuer(issuer.settings.issuer)
        .setAudience(issuer.settings.audience)
        .setExpirationTime(now + 60);
    const forged = await sign(good);
    expect(await authorize(`Bearer ${forged}`)).toMatchObject({
      authorized: false,
      reason: expect.stringContaining('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'),
    });
    const expired = await issuer.issue({ sub: 'user-1', lifetimeSeconds: -10 });
    expect(await authorize(`Bearer ${expired}`)).toMatchObject({ authorized: false, reason: expect.stringContaining('ERR_JWT_EXPIRED') });
    const otherIssuer = await createDevTokenIssuer({ issuer: 'urn:elsewhere' });
    const foreign = await otherIssuer.issue({ sub: 'user-1' });
    expect(await authorize(`Bearer ${foreign}`)).toMatchObject({ authorized: false });
  });

  it('takes aud, or client_id without aud; refuses the wrong issuer or audience, a missing exp, a future nbf or iat', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const settings = { issuer: 'urn:dev', audience: 'dev-api', algorithm: 'ES256' as const, publicKey };
    const authorize = createJwtAuthorizer(settings);
    const base = () => new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('user-1');
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const ok = await base().setIssuer('urn:dev').setAudience('dev-api').setExpirationTime(inAnHour).sign(privateKey);
    expect(await authorize(`Bearer ${ok}`)).toMatchObject({ authorized: true });
    const wrongInOneClaim = [
      await base().setIssuer('urn:other').setAudience('dev-api').setExpirationTime(inAnHour).sign(privateKey),
      await base().setIssuer('urn:dev').setAudience('other-api').setExpirationTime(inAnHour).sign(privateKey),
      await base().setIssuer('urn:dev').setAudience('dev-api').sign(privateKey), // no exp
      await base()
        .setIssuer('urn:dev')
        .setAudience('dev-api')
        .setExpirationTime(inAnHour)
        .setNotBefore(inAnHour - 60)
        .sign(privateKey),
      await base()
        .setIssuer('urn:dev')
        .setAudience('dev-api')
        .setExpirationTime(inAnHour)
        .setIssuedAt(inAnHour - 60)
        .sign(privateKey),
    ];
    const cognitoStyle = await base().setIssuer('urn:dev').setExpirationTime(inAnHour).sign(privateKey);
    expect(await authorize(`Bearer ${cognitoStyle}`)).toMatchObject({ authorized: false });
    const accessToken = await new SignJWT({ client_id: 'dev-api' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('user-1')
      .setIssuer('urn:dev')
      .setExpirationTime(inAnHour)
      .sign(privateKey);
    expect(await authorize(`Bearer ${accessToken}`)).toMatchObject({ authorized: true, claims: { client_id: 'dev-api' } });
    wrongInOneClaim.push(
      await new SignJWT({ client_id: 'other-api' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('user-1')
        .setIssuer('urn:dev')
        .setExpirationTime(inAnHour)
        .sign(privateKey),
      await new SignJWT({ client_id: 'dev-api' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('user-1')
        .setIssuer('urn:dev')
        .setAudience('other-api')
        .setExpirationTime(inAnHour)
        .sign(privateKey),
    );
    for (const token of wrongInOneClaim) {
      expect(await authorize(`Bearer ${token}`)).toMatchObject({
        authorized: false,
        reason: expect.stringMatching(/^ERR_JWT_|issued in the future|expected audience/),
      });
    }
  });

  it('renders claim values as strings: numbers, booleans, arrays as "[a b]", objects as JSON', () => {
    expect(claimAsString(1700000000)).toBe('1700000000');
    expect(claimAsString(true)).toBe('true');
    expect(claimAsString(['admin', 'users'])).toBe('[admin users]');
    expect(claimAsString({ city: 'Seattle' })).toBe('{"city":"Seattle"}');
  });
});

describe('the HTTP → API Gateway v2 event adapter', () => {
  const headers: IncomingHttpHeaders = { host: '127.0.0.1:3000', authorization: 'Bearer x', 'user-agent': 'test', cookie: 'a=1; b=2' };

  it('builds a payload-format-2.0 event with the route, decoded path, joined query and the claims', () => {
    const event = toApiGatewayEvent({
      method: 'GET',
      rawPath: '/user-limits/user%201',
      rawQueryString: 'limit=5&x=1&x=2',
      headers,
      sourceIp: '127.0.0.1',
      routeKey: 'GET /user-limits/{userId}',
      pathParameters: { userId: 'user 1' },
      claims: { sub: 'user 1' },
      now: Date.UTC(2026, 2, 12, 19, 3, 58),
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /user-limits/{userId}',
      rawPath: '/user-limits/user 1',
      rawQueryString: 'limit=5&x=1&x=2',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { limit: '5', x: '1,2' },
      pathParameters: { userId: 'user 1' },
      isBase64Encoded: false,
      requestContext: {
        authorizer: { jwt: { claims: { sub: 'user 1' }, scopes: null } },
        http: { method: 'GET', path: '/user-limits/user 1', sourceIp: '127.0.0.1', userAgent: 'test' },
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: Date.UTC(2026, 2, 12, 19, 3, 58),
      },
    });
    expect(event.headers).toEqual({ host: '127.0.0.1:3000', authorization: 'Bearer x', 'user-agent': 'test' });
    expect(event.queryStringParameters).toBeDefined();
  });

  it('leaves out queryStringParameters when there is no query', () => {
    const event = toApiGatewayEvent({
      method: 'GET',
      rawPath: '/user-limits/u',
      rawQueryString: '',
      headers: {},
      sourceIp: '::1',
      routeKey: 'r',
      pathParameters: { userId: 'u' },
      claims: {},
    });
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('matches only /user-limits/{one segment} and decodes it', () => {
    expect(matchReadApiPath('/user-limits/abc')).toEqual({ userId: 'abc' });
    expect(matchReadApiPath('/user-limits/a%2Fb')).toEqual({ userId: 'a/b' });
    expect(matchReadApiPath('/user-limits/%E0%A4%A')).toEqual({ malformed: true });
    for (const path of ['/user-limits/', '/user-limits', '/user-limits/a/b', '/other/a']) expect(matchReadApiPath(path)).toBeUndefined();
  });

  it('reads a Lambda result as an HTTP API does: structured as given, anything else a 200 JSON body', () => {
    expect(fromLambdaResult({ statusCode: 403, headers: { 'Cache-Control': 'no-store' }, body: '{"message":"Forbidden"}' })).toEqual({
      statusCode: 403,
      headers: { 'cache-control': 'no-store' },
      body: Buffer.from('{"message":"Forbidden"}'),
    });
    expect(fromLambdaResult({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }).body.toString()).toBe(
      'hi',
    );
    expect(fromLambdaResult({ userLimits: [] })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"userLimits":[]}'),
    });
  });
});
