// @ts-check
/**
 * The two calls the page makes: a dev token (dev stack only) and the user's
 * limits from the read API. Failures come back as a kind the page words.
 */

/** @typedef {import('./limit-card.js').UserLimit} UserLimit */
/** @typedef {{ ok: true, limits: UserLimit[] } | { ok: false, kind: 'unauthorized' | 'forbidden' | 'bad-request' | 'server' | 'network', message?: string }} LimitsResult */

/** Pages followed at most (50 limits each): far more limits than a person sets. */
const MAX_PAGES = 20;

/**
 * A token from the dev stack's token endpoint. A real front end gets its
 * token from the Cognito user pool instead (README).
 * @param {string} sub
 * @param {string | undefined} scope
 * @returns {Promise<string>}
 */
export const fetchDevToken = async (sub, scope) => {
  const query = new URLSearchParams({ sub });
  if (scope) query.set('scope', scope);
  const response = await fetch(`/dev/token?${query}`, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== 'string') throw new Error(body.message ?? `HTTP ${response.status}`);
  return body.token;
};

/**
 * @param {Response} response
 * @returns {Promise<LimitsResult>}
 */
const failure = async (response) => {
  const message = (await response.json().catch(() => ({}))).message;
  if (response.status === 401) return { ok: false, kind: 'unauthorized' };
  if (response.status === 403) return { ok: false, kind: 'forbidden' };
  if (response.status === 400) return { ok: false, kind: 'bad-request', message: typeof message === 'string' ? message : undefined };
  return { ok: false, kind: 'server', message: `HTTP ${response.status}` };
};

/**
 * Every limit of `userId`, following nextToken.
 * @param {string} userId
 * @param {string} token
 * @param {AbortSignal} signal
 * @returns {Promise<LimitsResult>}
 */
export const fetchLimits = async (userId, token, signal) => {
  /** @type {UserLimit[]} */
  const limits = [];
  let nextToken;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = nextToken === undefined ? '' : `?${new URLSearchParams({ nextToken })}`;
    let response;
    try {
      response = await fetch(`/user-limits/${encodeURIComponent(userId)}${query}`, {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      return { ok: false, kind: 'network' };
    }
    if (!response.ok) return failure(response);
    const body = await response.json();
    limits.push(...body.userLimits);
    nextToken = body.nextToken;
    if (typeof nextToken !== 'string') break;
  }
  return { ok: true, limits };
};
