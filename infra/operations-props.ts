import type { LogLevel } from './log-levels';
import { logsDebug } from './log-levels';
import { requireInteger, StackPropsError } from './props-error';
import type { AlarmTopicSource } from './stack-props';

/** Metrics, alarm thresholds and notifications, and log sampling (README, "Operations"). */
export interface OperationsProps {
  /** CloudWatch namespace of the functions' EMF metrics (POWERTOOLS_METRICS_NAMESPACE). */
  readonly metricsNamespace?: string;
  /** Rejected records per 5 minutes above which the bad-data alarm fires. */
  readonly rejectedAlarmThreshold?: number;
  /** Orphaned records as a percentage of all records (per 15 minutes) above which the orphan alarm fires. */
  readonly orphanedRateAlarmPercent?: number;
  /**
   * An address the alarm topic mails (an SNS email subscription, confirmed by
   * its owner). Given without `alarmTopic`, the stack creates the topic.
   */
  readonly alarmEmail?: string;
  /** Fraction of invocations (0–1) that log at DEBUG although `logLevel` is higher (POWERTOOLS_LOGGER_SAMPLE_RATE). */
  readonly logSampleRate?: number;
}

/** The operations props with their values; the alarm topic is resolved here because the email decides it. */
export interface ResolvedOperationsProps {
  readonly metricsNamespace: string;
  readonly rejectedAlarmThreshold: number;
  readonly orphanedRateAlarmPercent: number;
  readonly alarmEmail: string | undefined;
  readonly alarmTopic: AlarmTopicSource;
  readonly logSampleRate: number;
}

/**
 * Defaults. Any rejected record alarms: the limits service should never send
 * one, and each is a limit update lost until the producer fixes it. Orphans
 * happen legitimately (a progress event whose limit was created before the
 * store existed), about 0.15% of the generated stream (tools/e2e: 18 of
 * 12,000); 1% is several times that, and with the in-memory store it fires
 * after a cold start lost the limits, which the operator should know about.
 */
export const OPERATIONS_DEFAULTS = {
  metricsNamespace: 'UserLimits',
  rejectedAlarmThreshold: 0,
  orphanedRateAlarmPercent: 1,
  logSampleRate: 0,
} as const;

// CloudWatch: up to 255 of these ASCII characters, at least one not a space, not starting with ":"; "AWS/" is AWS's own.
const NAMESPACE = /^[0-9A-Za-z.\-_/#: ]{1,255}$/;
// The shape of an address, not a proof it exists: SNS sends a confirmation mail to it.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

const validateNamespace = (namespace: string): void => {
  if (!NAMESPACE.test(namespace) || namespace.trim() === '' || namespace.startsWith(':') || /^aws\//i.test(namespace)) {
    throw new StackPropsError(
      `metricsNamespace must be 1-255 characters of letters, digits, space and . - _ / # :, not start with ":" or "AWS/", got "${namespace}"`,
    );
  }
};

const resolveAlarmTopic = (topic: AlarmTopicSource | undefined, email: string | undefined): AlarmTopicSource => {
  if (email === undefined) return topic ?? { kind: 'none' };
  if (!EMAIL.test(email)) throw new StackPropsError(`alarmEmail must be an email address like oncall@example.com, got "${email}"`);
  if (topic?.kind === 'none') throw new StackPropsError('alarmEmail needs an alarm topic: alarmTopic create or an SNS topic ARN, not none');
  return topic ?? { kind: 'create' };
};

/** Fills in the operations defaults and rejects what CloudWatch, SNS or Powertools would not accept or would ignore. */
export const validateOperationsProps = (
  props: OperationsProps & { alarmTopic?: AlarmTopicSource },
  logLevel: LogLevel,
): ResolvedOperationsProps => {
  const resolved: ResolvedOperationsProps = {
    metricsNamespace: props.metricsNamespace ?? OPERATIONS_DEFAULTS.metricsNamespace,
    rejectedAlarmThreshold: props.rejectedAlarmThreshold ?? OPERATIONS_DEFAULTS.rejectedAlarmThreshold,
    orphanedRateAlarmPercent: props.orphanedRateAlarmPercent ?? OPERATIONS_DEFAULTS.orphanedRateAlarmPercent,
    alarmEmail: props.alarmEmail,
    alarmTopic: resolveAlarmTopic(props.alarmTopic, props.alarmEmail),
    logSampleRate: props.logSampleRate ?? OPERATIONS_DEFAULTS.logSampleRate,
  };
  validateNamespace(resolved.metricsNamespace);
  requireInteger('rejectedAlarmThreshold', resolved.rejectedAlarmThreshold, 0, 1_000_000);
  const percent = resolved.orphanedRateAlarmPercent;
  if (!Number.isFinite(percent) || percent < 0 || percent >= 100) {
    throw new StackPropsError(`orphanedRateAlarmPercent must be a percentage from 0 to below 100, got ${percent}`);
  }
  const rate = resolved.logSampleRate;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new StackPropsError(`logSampleRate must be from 0 to 1, got ${rate}`);
  if (rate > 0 && logsDebug(logLevel)) {
    throw new StackPropsError(
      `logSampleRate samples DEBUG logs, which logLevel ${logLevel} already writes on every invocation: use one or the other`,
    );
  }
  return resolved;
};
