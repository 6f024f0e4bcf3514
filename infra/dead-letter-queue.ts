import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The on-failure destination of the event source mapping. Lambda sends it one
 * message per batch it gives up on: the shard id and the sequence number range,
 * not the records (README, "deploy", explains how to re-read them).
 * Encrypted with SQS-managed keys, TLS only, kept 14 days (the SQS maximum).
 */
export const createDeadLetterQueue = (scope: Construct): Queue =>
  new Queue(scope, 'FailedBatches', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
