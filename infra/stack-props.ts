import { Duration, type StackProps } from 'aws-cdk-lib';
import { StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Log levels Powertools Logger accepts in POWERTOOLS_LOG_LEVEL. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** The stream the function reads: created by the stack (default) or an existing one. */
export type StreamSource =
  | { kind: 'create'; streamMode: StreamMode; shardCount: number | undefined }
  | { kind: 'import'; streamArn: string; encryptionKeyArn: string | undefined };

/** Where alarm actions go: nowhere (alarms only), a topic the stack creates, or an existing topic. */
export type AlarmTopicSource = { kind: 'none' } | { kind: 'create' } | { kind: 'import'; topicArn: string };

/** What a deployment may change; every field has a default (see {@link DEFAULTS}). */
export interface UserLimitsStackProps extends StackProps {
  /** Create a stream (PROVISIONED with 1 shard by default) or import one by ARN. */
  readonly stream?: StreamSource;
  /** Records per invocation (1–10,000). */
  readonly batchSize?: number;
  /** How long Lambda may wait to fill a batch (0–300 s); 0 keeps limits as fresh as possible. */
  readonly maxBatchingWindow?: Duration;
  /** Retries of a failing batch before it goes to the DLQ (0–10). */
  readonly retryAttempts?: number;
  /** Records older than this are skipped to the DLQ (60 s up to the stream retention). */
  readonly maxRecordAge?: Duration;
  /** Iterator age (lag) above which the alarm fires; must be below maxRecordAge and at most half the retention. */
  readonly iteratorAgeAlarmThreshold?: Duration;
  /** SNS topic for alarm actions. */
  readonly alarmTopic?: AlarmTopicSource;
  readonly logLevel?: LogLevel;
  readonly logRetention?: RetentionDays;
}

/** Every prop resolved to a value. */
export type ResolvedStackProps = Required<Omit<UserLimitsStackProps, keyof StackProps>>;

/** The stream's retention: 24 h, Kinesis' minimum and the stack's fixed choice. */
export const STREAM_RETENTION = Duration.hours(24);

/**
 * Defaults, and why. The lag alarm (30 min) fires long before records are
 * skipped (6 h), and skipped records stay re-readable from the stream for the
 * remaining 18 h of retention (see README, "deploy").
 */
export const DEFAULTS: ResolvedStackProps = {
  stream: { kind: 'create', streamMode: StreamMode.PROVISIONED, shardCount: 1 },
  // ~10–60 µs per record: 500 records is well under a second even at 512 MB, and ~1 MB of payload.
  batchSize: 500,
  maxBatchingWindow: Duration.seconds(0),
  retryAttempts: 10,
  maxRecordAge: Duration.hours(6),
  iteratorAgeAlarmThreshold: Duration.minutes(30),
  alarmTopic: { kind: 'none' },
  logLevel: 'INFO',
  logRetention: RetentionDays.ONE_MONTH,
};

/** A prop out of range: one line naming the prop, the value and the allowed range. */
export class StackPropsError extends Error {
  override name = 'StackPropsError';
}

const requireInteger = (name: string, value: number, min: number, max: number): void => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StackPropsError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
};

const requireSeconds = (name: string, value: Duration, min: number, max: number): void => {
  const seconds = value.toSeconds();
  if (seconds < min || seconds > max) throw new StackPropsError(`${name} must be from ${min} s to ${max} s, got ${seconds} s`);
};

const validateStream = (stream: StreamSource): void => {
  if (stream.kind === 'import') {
    if (!/^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/.test(stream.streamArn)) {
      throw new StackPropsError(`stream ARN must look like arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, got "${stream.streamArn}"`);
    }
    return;
  }
  if (stream.streamMode === StreamMode.ON_DEMAND && stream.shardCount !== undefined) {
    throw new StackPropsError('shardCount cannot be set for an ON_DEMAND stream (Kinesis scales it)');
  }
  if (stream.shardCount !== undefined) requireInteger('shardCount', stream.shardCount, 1, 10_000);
};

/** Fills in defaults and rejects values Lambda, Kinesis or our own alarm logic would not accept. */
export const resolveStackProps = (props: UserLimitsStackProps = {}): ResolvedStackProps => {
  const resolved: ResolvedStackProps = {
    stream: props.stream ?? DEFAULTS.stream,
    batchSize: props.batchSize ?? DEFAULTS.batchSize,
    maxBatchingWindow: props.maxBatchingWindow ?? DEFAULTS.maxBatchingWindow,
    retryAttempts: props.retryAttempts ?? DEFAULTS.retryAttempts,
    maxRecordAge: props.maxRecordAge ?? DEFAULTS.maxRecordAge,
    iteratorAgeAlarmThreshold: props.iteratorAgeAlarmThreshold ?? DEFAULTS.iteratorAgeAlarmThreshold,
    alarmTopic: props.alarmTopic ?? DEFAULTS.alarmTopic,
    logLevel: props.logLevel ?? DEFAULTS.logLevel,
    logRetention: props.logRetention ?? DEFAULTS.logRetention,
  };
  const retentionSeconds = STREAM_RETENTION.toSeconds();
  validateStream(resolved.stream);
  requireInteger('batchSize', resolved.batchSize, 1, 10_000);
  requireSeconds('maxBatchingWindow', resolved.maxBatchingWindow, 0, 300);
  requireInteger('retryAttempts', resolved.retryAttempts, 0, 10);
  requireSeconds('maxRecordAge', resolved.maxRecordAge, 60, retentionSeconds);
  requireSeconds('iteratorAgeAlarmThreshold', resolved.iteratorAgeAlarmThreshold, 60, retentionSeconds / 2);
  if (resolved.iteratorAgeAlarmThreshold.toSeconds() >= resolved.maxRecordAge.toSeconds()) {
    throw new StackPropsError('iteratorAgeAlarmThreshold must be below maxRecordAge, so the lag alarm fires before records are skipped');
  }
  return resolved;
};
