import { Duration, type StackProps } from 'aws-cdk-lib';
import { StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULT_BATCH_SIZE, DEFAULT_RETRY_ATTEMPTS } from './event-source-settings';
import { LOG_LEVELS, type LogLevel } from './log-levels';
import { OPERATIONS_DEFAULTS, type OperationsProps, validateOperationsProps } from './operations-props';
import { requireInteger, StackPropsError } from './props-error';
import { READ_API_DEFAULTS, type ReadApiProps, validateReadApiProps } from './read-api-props';

export { StackPropsError } from './props-error';
export type { LogLevel } from './log-levels';

/** The stream the function reads: created by the stack (default) or an existing one. */
export type StreamSource =
  | { kind: 'create'; streamMode: StreamMode; shardCount: number | undefined }
  | { kind: 'import'; streamArn: string; encryptionKeyArn: string | undefined };

/** Where alarm actions go: nowhere (alarms only), a topic the stack creates, or an existing topic. */
export type AlarmTopicSource = { kind: 'none' } | { kind: 'create' } | { kind: 'import'; topicArn: string };

/** Where the processor keeps limits: its own memory (lost with the container) or a DynamoDB table. */
export type StoreKind = 'memory' | 'dynamodb';

/** Every store kind, in the order error messages list them. */
export const STORE_KINDS: readonly StoreKind[] = ['memory', 'dynamodb'];

/**
 * What a deployment may change; every field has a default (see {@link DEFAULTS});
 * the read API's fields ({@link ReadApiProps}) apply only with `store: 'dynamodb'`.
 */
export interface UserLimitsStackProps extends StackProps, ReadApiProps, OperationsProps {
  /** `memory` (default) or `dynamodb`: a durable table, plus the read API. */
  readonly store?: StoreKind;
  /** Concurrent batches per shard (1–10); see {@link DEFAULT_PARALLELIZATION_FACTOR}. Above 1 needs `store: 'dynamodb'`. */
  readonly parallelizationFactor?: number;
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
  /** SNS topic for alarm and OK actions; `none` by default, `create` when only `alarmEmail` is given. */
  readonly alarmTopic?: AlarmTopicSource;
  /** Powertools' level (POWERTOOLS_LOG_LEVEL) and Lambda's log-level filtering of both functions. */
  readonly logLevel?: LogLevel;
  readonly logRetention?: RetentionDays;
}

/** Props that may stay unset: an issuer and audience (the stack creates its own user pool), an alarm email. */
type OptionalKeys = 'jwtIssuer' | 'jwtAudience' | 'alarmEmail';

/** Every prop resolved to a value, except the {@link OptionalKeys}. */
export type ResolvedStackProps = Required<Omit<UserLimitsStackProps, keyof StackProps | OptionalKeys>> &
  Pick<UserLimitsStackProps, OptionalKeys>;

/** The stream's retention: 24 h, Kinesis' minimum and the stack's fixed choice. */
export const STREAM_RETENTION = Duration.hours(24);

/**
 * Defaults, and why. The lag alarm (30 min) fires long before records are
 * skipped (6 h), and skipped records stay re-readable from the stream for the
 * remaining 18 h of retention (see README, "deploy").
 */
export const DEFAULTS: Omit<ResolvedStackProps, 'parallelizationFactor' | OptionalKeys> = {
  store: 'memory',
  stream: { kind: 'create', streamMode: StreamMode.PROVISIONED, shardCount: 1 },
  batchSize: DEFAULT_BATCH_SIZE,
  maxBatchingWindow: Duration.seconds(0),
  retryAttempts: DEFAULT_RETRY_ATTEMPTS,
  maxRecordAge: Duration.hours(6),
  iteratorAgeAlarmThreshold: Duration.minutes(30),
  alarmTopic: { kind: 'none' },
  logLevel: 'INFO',
  logRetention: RetentionDays.ONE_MONTH,
  ...READ_API_DEFAULTS,
  ...OPERATIONS_DEFAULTS,
};

/**
 * Concurrent batches per shard when not given. Lambda keeps the records of
 * one partition key (one user) in order across concurrent batches, so more
 * than one is safe once state is shared and every write is conditional on
 * sequence numbers (DynamoDB). The in-memory store lives in one container:
 * more concurrent batches would spread users over more containers, so it
 * stays at 1. For DynamoDB, 2 doubles what a shard can drain while each batch
 * waits on table round trips, and keeps the function's concurrency (shards × 2)
 * and the table's write rate modest; raise it if the iterator age alarm fires.
 */
export const DEFAULT_PARALLELIZATION_FACTOR: Readonly<Record<StoreKind, number>> = { memory: 1, dynamodb: 2 };

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
  const store = props.store ?? DEFAULTS.store;
  if (!STORE_KINDS.includes(store)) throw new StackPropsError(`store must be one of ${STORE_KINDS.join(', ')}, got "${String(store)}"`);
  const logLevel = props.logLevel ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new StackPropsError(`logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${String(logLevel)}"`);
  const resolved: ResolvedStackProps = {
    store,
    parallelizationFactor: props.parallelizationFactor ?? DEFAULT_PARALLELIZATION_FACTOR[store],
    stream: props.stream ?? DEFAULTS.stream,
    batchSize: props.batchSize ?? DEFAULTS.batchSize,
    maxBatchingWindow: props.maxBatchingWindow ?? DEFAULTS.maxBatchingWindow,
    retryAttempts: props.retryAttempts ?? DEFAULTS.retryAttempts,
    maxRecordAge: props.maxRecordAge ?? DEFAULTS.maxRecordAge,
    iteratorAgeAlarmThreshold: props.iteratorAgeAlarmThreshold ?? DEFAULTS.iteratorAgeAlarmThreshold,
    logLevel,
    logRetention: props.logRetention ?? DEFAULTS.logRetention,
    ...validateReadApiProps(props, store === 'dynamodb'),
    ...validateOperationsProps(props, logLevel),
  };
  const retentionSeconds = STREAM_RETENTION.toSeconds();
  validateStream(resolved.stream);
  requireInteger('batchSize', resolved.batchSize, 1, 10_000);
  requireSeconds('maxBatchingWindow', resolved.maxBatchingWindow, 0, 300);
  requireInteger('retryAttempts', resolved.retryAttempts, 0, 10);
  requireInteger('parallelizationFactor', resolved.parallelizationFactor, 1, 10);
  if (store === 'memory' && resolved.parallelizationFactor > 1) {
    throw new StackPropsError(
      'parallelizationFactor above 1 needs store dynamodb: the in-memory store lives in one container, and concurrent batches would split users over containers',
    );
  }
  requireSeconds('maxRecordAge', resolved.maxRecordAge, 60, retentionSeconds);
  requireSeconds('iteratorAgeAlarmThreshold', resolved.iteratorAgeAlarmThreshold, 60, retentionSeconds / 2);
  if (resolved.iteratorAgeAlarmThreshold.toSeconds() >= resolved.maxRecordAge.toSeconds()) {
    throw new StackPropsError('iteratorAgeAlarmThreshold must be below maxRecordAge, so the lag alarm fires before records are skipped');
  }
  return resolved;
};
