import { Key } from 'aws-cdk-lib/aws-kms';
import { type IStream, Stream, StreamEncryption } from 'aws-cdk-lib/aws-kinesis';
import type { Construct } from 'constructs';
import { STREAM_RETENTION, type StreamSource } from './stack-props';

/**
 * The stream of limit events. A created stream is encrypted with the
 * AWS-managed `aws/kinesis` key: encrypted at rest, no per-consumer key cost,
 * and readers need no KMS permission. An imported stream encrypted with a
 * customer key needs that key's ARN, so the function may decrypt its records.
 */
export const createEventStream = (scope: Construct, source: StreamSource): IStream => {
  if (source.kind === 'import') {
    return Stream.fromStreamAttributes(scope, 'UserLimitEvents', {
      streamArn: source.streamArn,
      encryptionKey:
        source.encryptionKeyArn === undefined ? undefined : Key.fromKeyArn(scope, 'UserLimitEventsKey', source.encryptionKeyArn),
    });
  }
  return new Stream(scope, 'UserLimitEvents', {
    streamMode: source.streamMode,
    shardCount: source.shardCount,
    retentionPeriod: STREAM_RETENTION,
    encryption: StreamEncryption.MANAGED,
  });
};
