// @ts-check
import { renderLimitCard, describeLimit } from './limit-card.js';
import { fetchDevToken, fetchLimits } from './limits-api.js';

/** How often the page asks for fresh limits: a produced event shows within about a second. */
const POLL_MS = 1000;
const READ_ANY_SCOPE = 'user-limits/read-any';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (byId('sign-in'));
const userIdInput = /** @type {HTMLInputElement} */ (byId('user-id'));
const viewUserIdInput = /** @type {HTMLInputElement} */ (byId('view-user-id'));
const supportInput = /** @type {HTMLInputElement} */ (byId('support-scope'));
const sessionBar = byId('session');
const sessionText = byId('session-text');
const state = byId('state');
const list = byId('limits');
const announcer = byId('announcer');

/** @type {{ token: string, sub: string, viewUserId: string } | undefined} */
let session;
/** @type {AbortController | undefined} */
let inFlight;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** @type {string | undefined} */
let lastBody;
/** @type {Map<string, string>} */
let lastShown = new Map();

/**
 * @param {string} text
 * @param {'info' | 'error' | 'hidden'} [tone]
 */
const showState = (text, tone = 'info') => {
  state.textContent = text;
  state.dataset.tone = tone;
  state.hidden = tone === 'hidden';
};

const clearLimits = () => {
  list.replaceChildren();
  lastBody = undefined;
  lastShown = new Map();
};

const stopPolling = () => {
  clearTimeout(timer);
  inFlight?.abort();
  inFlight = undefined;
};

const TYPE_ORDER = ['DEPOSIT', 'LOSS', 'BET', 'BALANCE', 'SESSION'];
const PERIOD_ORDER = ['INSTANCE', 'DAY', 'CALENDAR_DAY', 'WEEK', 'CALENDAR_WEEK', 'MONTH', 'CALENDAR_MONTH', 'INDEFINITE'];
/** @param {string[]} order @param {string} key */
const rank = (order, key) => (order.includes(key) ? order.indexOf(key) : order.length);

/**
 * Grouped by type, shortest period first (the API's order is by id, which means nothing to a person).
 * @param {import('./limit-card.js').UserLimit} a
 * @param {import('./limit-card.js').UserLimit} b
 */
const displayOrder = (a, b) =>
  rank(TYPE_ORDER, a.type) - rank(TYPE_ORDER, b.type) || rank(PERIOD_ORDER, a.period) - rank(PERIOD_ORDER, b.period) || (a.userLimitId < b.userLimitId ? -1 : 1);

/** @param {import('./limit-card.js').UserLimit[]} limits */
const showLimits = (limits) => {
  const body = JSON.stringify(limits);
  if (body === lastBody) return; // nothing new: no re-render, no announcement
  const first = lastBody === undefined;
  lastBody = body;
  list.replaceChildren(...[...limits].sort(displayOrder).map((limit) => renderLimitCard(limit)));
  const shown = new Map(limits.map((limit) => {
    const text = describeLimit(limit);
    return [limit.userLimitId, `${text.title}: ${text.used} used of ${text.value}, ${text.status}`];
  }));
  const changes = [...shown].filter(([id, text]) => lastShown.get(id) !== text).map(([, text]) => text);
  announcer.textContent = first ? `${limits.length} ${limits.length === 1 ? 'limit' : 'limits'} shown.` : `Updated: ${changes.join('; ')}`;
  lastShown = shown;
  if (limits.length === 0) showState('No limits are set for this account yet.');
  else showState('', 'hidden');
};

const poll = async () => {
  const current = session;
  if (current === undefined) return;
  inFlight = new AbortController();
  let result;
  try {
    result = await fetchLimits(current.viewUserId, current.token, inFlight.signal);
  } catch {
    return; // aborted: signed out or signed in again
  } finally {
    list.removeAttribute('aria-busy');
  }
  if (session !== current) return;
  if (result.ok) showLimits(result.limits);
  else if (result.kind === 'unauthorized') {
    clearLimits();
    showState('Your session is not valid or has expired. Please sign in again.', 'error');
    return;
  } else if (result.kind === 'forbidden') {
    clearLimits();
    showState(`You are not allowed to see the limits of user ${current.viewUserId}. Sign in as that user to see them.`, 'error');
    return;
  } else if (result.kind === 'bad-request') {
    clearLimits();
    showState(`The limits service did not accept the request: ${result.message ?? 'bad request'}.`, 'error');
    return;
  } else {
    const why = result.kind === 'network' ? 'Cannot reach the limits service' : `The limits service had a problem (${result.message})`;
    showState(`${why}. ${lastBody === undefined ? '' : 'Showing the last limits received. '}Trying again every second…`, 'error');
  }
  timer = setTimeout(poll, POLL_MS);
};

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  stopPolling();
  session = undefined;
  clearLimits();
  const sub = userIdInput.value.trim();
  const viewUserId = viewUserIdInput.value.trim() || sub;
  if (sub === '') {
    showState('Enter your user id to sign in.', 'error');
    userIdInput.focus();
    return;
  }
  showState('Signing in…');
  let token;
  try {
    token = await fetchDevToken(sub, supportInput.checked ? READ_ANY_SCOPE : undefined);
  } catch (error) {
    showState(`Could not sign in: ${error instanceof Error ? error.message : String(error)}.`, 'error');
    return;
  }
  session = { token, sub, viewUserId };
  sessionText.textContent = viewUserId === sub ? `Signed in as ${sub}.` : `Signed in as ${sub}, viewing the limits of ${viewUserId}.`;
  sessionBar.hidden = false;
  form.hidden = true;
  sessionText.focus(); // the form that had focus is gone
  showState('Loading limits…');
  list.setAttribute('aria-busy', 'true');
  void poll();
});

byId('sign-out').addEventListener('click', () => {
  stopPolling();
  session = undefined;
  clearLimits();
  sessionBar.hidden = true;
  form.hidden = false;
  announcer.textContent = '';
  showState('Signed out. Sign in to see your limits.');
  userIdInput.focus();
});
