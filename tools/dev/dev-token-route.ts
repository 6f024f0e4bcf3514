import type { IncomingMessage } from 'node:http';
import { type HttpReply, jsonReply } from './lambda-response';
import { isLoopbackAddress, isLoopbackHost } from './loopback';
import type { DevTokenIssuer } from './token-issuer';

export const DEV_TOKEN_PATH = '/dev/token';

/** The read API's bound on a user id (DOMAIN.md): a longer `sub` could never read anything. */
const MAX_SUB_LENGTH = 256;
const MAX_SCOPE_LENGTH = 1024;
/** OAuth 2.0 scope tokens (RFC 6749 §3.3), separated by single spaces. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;
/** C0 controls and DEL, by code point (a regex of control characters is what no-control-regex forbids). */
const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
const NO_STORE = { 'cache-control': 'no-store' };

type Parsed = { sub: string; scope?: string } | { problem: string };

/** `sub` (required) and `scope` (optional), each once; anything else is a one-line problem. */
export const parseTokenRequest = (query: URLSearchParams): Parsed => {
  for (const name of new Set(query.keys())) {
    if (name !== 'sub' && name !== 'scope') return { problem: `unknown parameter "${name}"; expected sub and optionally scope` };
    if (query.getAll(name).length > 1) return { problem: `parameter ${name} given more than once` };
  }
  const sub = query.get('sub');
  if (sub === null || sub === '') return { problem: 'parameter sub is required: the user id to sign a token for' };
  if (sub.length > MAX_SUB_LENGTH) return { problem: `parameter sub is over ${MAX_SUB_LENGTH} characters` };
  if (hasControlCharacter(sub)) return { problem: 'parameter sub holds a control character' };
  const scope = query.get('scope');
  if (scope === null) return { sub };
  if (scope.length > MAX_SCOPE_LENGTH || !SCOPE.test(scope)) {
    return { problem: 'parameter scope must be scope names (printable ASCII, no quotes or backslashes) separated by single spaces' };
  }
  return { sub, scope };
};

/**
 * `GET /dev/token?sub=USER[&scope=SCOPE]` → `{"token": "…"}`: the dev stack's
 * stand-in for signing in. It answers only requests from this machine that
 * name this machine in Host; bad parameters get 400 with a message.
 */
export const createDevTokenRoute =
  (issuer: DevTokenIssuer) =>
  async (request: IncomingMessage, url: URL): Promise<HttpReply | undefined> => {
    if (url.pathname !== DEV_TOKEN_PATH) return undefined;
    if (!isLoopbackAddress(request.socket.remoteAddress) || !isLoopbackHost(request.headers.host)) {
      return jsonReply(403, { message: 'the dev token endpoint answers requests from this machine only' }, NO_STORE);
    }
    if (request.method !== 'GET') return jsonReply(405, { message: 'use GET' }, { ...NO_STORE, allow: 'GET' });
    const parsed = parseTokenRequest(url.searchParams);
    if ('problem' in parsed) return jsonReply(400, { message: parsed.problem }, NO_STORE);
    return jsonReply(200, { token: await issuer.issue(parsed) }, NO_STORE);
  };
