import { Duration } from 'aws-cdk-lib';
import { StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { LOG_LEVELS, type LogLevel } from './log-levels';
import type { AlarmTopicSource, StoreKind, StreamSource, UserLimitsStackProps } from './stack-props';
import { STORE_KINDS, StackPropsError } from './stack-props';

/** The `cdk -c KEY=VALUE` keys the app reads; anything else in the context is CDK's own. */
export const CONTEXT_KEYS = [
  'streamArn',
  'streamKeyArn',
  'streamMode',
  'shardCount',
  'batchSize',
  'maxBatchingWindowSeconds',
  'retryAttempts',
  'maxRecordAgeSeconds',
  'iteratorAgeAlarmSeconds',
  'alarmTopic',
  'alarmEmail',
  'rejectedAlarmThreshold',
  'orphanedRateAlarmPercent',
  'metricsNamespace',
  'logLevel',
  'logSampleRate',
  'store',
  'parallelizationFactor',
  'jwtIssuer',
  'jwtAudience',
  'apiThrottleRateLimit',
  'apiThrottleBurstLimit',
  'corsOrigins',
] as const;

type ContextKey = (typeof CONTEXT_KEYS)[number];
type ReadContext = (key: ContextKey) => unknown;

const STREAM_MODES: readonly string[] = [StreamMode.PROVISIONED, StreamMode.ON_DEMAND];

const text = (read: ReadContext, key: ContextKey): string | undefined => {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  // A cdk.json value may be a number or an object: JSON shows it as written, never as "[object Object]".
  return typeof value === 'string' ? value : JSON.stringify(value);
};

// Context values are strings on the command line and may be numbers in cdk.json.
const integer = (read: ReadContext, key: ContextKey): number | undefined => {
  const value = text(read, key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new StackPropsError(`context ${key} must be a whole number, got "${value}"`);
  return Number.parseInt(value, 10);
};

const decimal = (read: ReadContext, key: ContextKey): number | undefined => {
  const value = text(read, key);
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new StackPropsError(`context ${key} must be a number, got "${value}"`);
  return Number.parseFloat(value);
};

// A list is comma-separated on the command line and may be a JSON array in cdk.json.
const list = (read: ReadContext, key: ContextKey): string[] | undefined => {
  const value = read(key);
  if (Array.isArray(value)) return value.map(String);
  const joined = text(read, key);
  return joined === undefined ? undefined : joined.split(',').map((entry) => entry.trim());
};

const seconds = (read: ReadContext, key: ContextKey): Duration | undefined => {
  const value = integer(read, key);
  return value === undefined ? undefined : Duration.seconds(value);
};

const streamSource = (read: ReadContext): StreamSource | undefined => {
  const streamArn = text(read, 'streamArn');
  const mode = text(read, 'streamMode');
  const shardCount = integer(read, 'shardCount');
  if (streamArn !== undefined) {
    if (mode !== undefined || shardCount !== undefined) {
      throw new StackPropsError('streamMode and shardCount configure a stream the stack creates; they cannot be used with streamArn');
    }
    return { kind: 'import', streamArn, encryptionKeyArn: text(read, 'streamKeyArn') };
  }
  if (text(read, 'streamKeyArn') !== undefined) throw new StackPropsError('streamKeyArn is only for an imported stream (streamArn)');
  if (mode === undefined && shardCount === undefined) return undefined;
  if (mode !== undefined && !STREAM_MODES.includes(mode)) {
    throw new StackPropsError(`context streamMode must be PROVISIONED or ON_DEMAND, got "${mode}"`);
  }
  const streamMode = (mode as StreamMode | undefined) ?? StreamMode.PROVISIONED;
  return { kind: 'create', streamMode, shardCount: shardCount ?? (streamMode === StreamMode.PROVISIONED ? 1 : undefined) };
};

const alarmTopic = (read: ReadContext): AlarmTopicSource | undefined => {
  const value = text(read, 'alarmTopic');
  if (value === undefined) return undefined;
  if (value === 'none') return { kind: 'none' };
  if (value === 'create') return { kind: 'create' };
  if (/^arn:aws[a-z-]*:sns:/.test(value)) return { kind: 'import', topicArn: value };
  throw new StackPropsError(`context alarmTopic must be "create", "none" or an SNS topic ARN, got "${value}"`);
};

const logLevel = (read: ReadContext): LogLevel | undefined => {
  const value = text(read, 'logLevel');
  if (value === undefined) return undefined;
  const upper = value.toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(upper)) throw new StackPropsError(`context logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return upper;
};

const store = (read: ReadContext): StoreKind | undefined => {
  const value = text(read, 'store');
  if (value === undefined) return undefined;
  if (!(STORE_KINDS as readonly string[]).includes(value))
    throw new StackPropsError(`context store must be one of ${STORE_KINDS.join(', ')}, got "${value}"`);
  return value as StoreKind;
};

/**
 * Stack props from `cdk synth|deploy -c KEY=VALUE` (see README, "deploy");
 * a key not given keeps the stack's default.
 */
export const stackPropsFromContext = (read: ReadContext): UserLimitsStackProps => {
  const props: { -readonly [K in keyof UserLimitsStackProps]: UserLimitsStackProps[K] } = {
    stream: streamSource(read),
    batchSize: integer(read, 'batchSize'),
    maxBatchingWindow: seconds(read, 'maxBatchingWindowSeconds'),
    retryAttempts: integer(read, 'retryAttempts'),
    maxRecordAge: seconds(read, 'maxRecordAgeSeconds'),
    iteratorAgeAlarmThreshold: seconds(read, 'iteratorAgeAlarmSeconds'),
    alarmTopic: alarmTopic(read),
    alarmEmail: text(read, 'alarmEmail'),
    rejectedAlarmThreshold: integer(read, 'rejectedAlarmThreshold'),
    orphanedRateAlarmPercent: decimal(read, 'orphanedRateAlarmPercent'),
    metricsNamespace: text(read, 'metricsNamespace'),
    logLevel: logLevel(read),
    logSampleRate: decimal(read, 'logSampleRate'),
    store: store(read),
    parallelizationFactor: integer(read, 'parallelizationFactor'),
    jwtIssuer: text(read, 'jwtIssuer'),
    jwtAudience: list(read, 'jwtAudience'),
    apiThrottleRateLimit: decimal(read, 'apiThrottleRateLimit'),
    apiThrottleBurstLimit: integer(read, 'apiThrottleBurstLimit'),
    corsOrigins: list(read, 'corsOrigins'),
  };
  return Object.fromEntries<unknown>(Object.entries(props).filter(([, value]) => value !== undefined));
};
