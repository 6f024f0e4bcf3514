// @ts-check
import { compareDecimal, subtractDecimal } from './decimal.js';
import { formatDateTime, formatMoney, formatSeconds } from './format.js';

/**
 * @typedef {{ userLimitId: string, type: string, period: string, status: string, value: string,
 *   progress?: string, currencyCode: string, nextResetTime?: number }} UserLimit
 */

const TYPE_NAMES = { BALANCE: 'Balance limit', BET: 'Bet limit', DEPOSIT: 'Deposit limit', LOSS: 'Loss limit', SESSION: 'Session time limit' };
const PERIOD_NAMES = {
  CALENDAR_DAY: 'Calendar day', CALENDAR_WEEK: 'Calendar week', CALENDAR_MONTH: 'Calendar month',
  DAY: 'Daily', WEEK: 'Weekly', MONTH: 'Monthly', INDEFINITE: 'No end date', INSTANCE: 'Per occasion',
};
const STATUS_NAMES = { ACTIVE: 'Active', CANCELED: 'Canceled', FUTURE: 'Not yet active', IN_COOLDOWN: 'In cooldown' };

/**
 * @param {Record<string, string>} names
 * @param {string} key
 */
const nameOf = (names, key) => names[key] ?? key;

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * How a limit's numbers read: money in its currency, a session limit as time.
 * @param {UserLimit} limit
 * @param {string | undefined} locale
 */
const amountFormatter = (limit, locale) =>
  limit.type === 'SESSION' ? (/** @type {string} */ amount) => formatSeconds(amount, locale) : (/** @type {string} */ amount) => formatMoney(amount, limit.currencyCode, locale);

/**
 * What a card shows, as text: also what screen readers are told when it changes.
 * @param {UserLimit} limit
 * @param {string | undefined} [locale]
 */
export const describeLimit = (limit, locale) => {
  const format = amountFormatter(limit, locale);
  const progress = limit.progress ?? '0';
  const over = compareDecimal(progress, limit.value) > 0;
  const value = Number(limit.value);
  // The bar's width only: a float is fine here, no digit shown comes from it.
  const ratio = value > 0 ? Number(progress) / value : Number(progress) > 0 ? 1 : 0;
  return {
    title: `${nameOf(TYPE_NAMES, limit.type)} · ${nameOf(PERIOD_NAMES, limit.period)}`,
    status: nameOf(STATUS_NAMES, limit.status),
    used: format(progress),
    value: format(limit.value),
    remaining: over ? format('0') : format(subtractDecimal(limit.value, progress)),
    over: over ? format(subtractDecimal(progress, limit.value)) : undefined,
    percent: Math.round(Math.min(ratio, 1) * 1000) / 10,
    nextReset: limit.nextResetTime === undefined ? undefined : formatDateTime(limit.nextResetTime, locale),
  };
};

/**
 * One card: type and period, status badge, used of value with a bar,
 * remaining, next reset in the viewer's time zone.
 * @param {UserLimit} limit
 * @param {string | undefined} [locale]
 */
export const renderLimitCard = (limit, locale) => {
  const shown = describeLimit(limit, locale);
  const titleId = `limit-${limit.userLimitId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const card = element('li', 'card');
  card.dataset.limitId = limit.userLimitId;
  card.setAttribute('aria-labelledby', titleId);

  const header = element('div', 'card-header');
  const title = element('h3', 'card-title', shown.title);
  title.id = titleId;
  const badge = element('span', `badge badge-${limit.status.toLowerCase().replace(/_/g, '-')}`, shown.status);
  header.append(title, badge);

  const amounts = element('p', 'amounts');
  amounts.append(element('strong', 'used', shown.used), ` used of `, element('span', 'value', shown.value));

  const bar = element('div', shown.over === undefined ? 'bar' : 'bar bar-over');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-labelledby', titleId);
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(shown.percent));
  bar.setAttribute('aria-valuetext', `${shown.used} of ${shown.value} used`);
  const fill = element('div', 'bar-fill');
  fill.style.width = `${shown.percent}%`;
  bar.append(fill);

  const details = element('dl', 'details');
  details.append(element('dt', '', 'Remaining'), element('dd', 'remaining', shown.remaining));
  if (shown.over !== undefined) details.append(element('dt', '', 'Over the limit by'), element('dd', 'over', shown.over));
  if (shown.nextReset !== undefined && limit.nextResetTime !== undefined) {
    const time = element('time', 'next-reset', shown.nextReset);
    time.setAttribute('datetime', new Date(limit.nextResetTime).toISOString());
    const value = element('dd');
    value.append(time);
    details.append(element('dt', '', 'Next reset'), value);
  }
  card.append(header, amounts, bar, details);
  return card;
};
