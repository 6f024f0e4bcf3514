import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ProcessorAlarms } from './alarms';
import { createDeadLetterQueue } from './dead-letter-queue';
import { createEventStream } from './event-stream';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { ProcessorFunction } from './processor-function';
import { ReadApi } from './read-api';
import { resolveStackProps, type ResolvedStackProps, type UserLimitsStackProps } from './stack-props';
import { TABLE_NAME_ENV, UserLimitsTable } from './user-limits-table';

/** The stack name used by `cdk.json`'s app, the README and `cdk.out/<name>.template.json`. */
export const STACK_NAME = 'UserLimitsStack';

/**
 * Kinesis stream → Lambda (`lambda/processor/handler.ts`) with a hardened event source
 * mapping, an SQS on-failure destination, alarms and outputs; with the DynamoDB
 * store, also the table and the read API in front of it.
 */
export class UserLimitsStack extends Stack {
  readonly settings: ResolvedStackProps;
  readonly stream: IStream;
  readonly processor: ProcessorFunction;
  readonly deadLetterQueue: Queue;
  readonly alarms: ProcessorAlarms;
  /** The DynamoDB store's table; undefined with the in-memory store. */
  readonly table: UserLimitsTable | undefined;
  /** `GET /user-limits/{userId}`; only with the DynamoDB store. */
  readonly readApi: ReadApi | undefined;

  constructor(scope: Construct, id: string, props: UserLimitsStackProps = {}) {
    super(scope, id, props);
    this.settings = resolveStackProps(props);
    this.stream = createEventStream(this, this.settings.stream);
    this.processor = new ProcessorFunction(this, 'Processor', {
      logLevel: this.settings.logLevel,
      logRetention: this.settings.logRetention,
    });
    this.table = this.settings.store === 'dynamodb' ? new UserLimitsTable(this, 'UserLimits') : undefined;
    if (this.table !== undefined) {
      this.processor.function.addEnvironment(TABLE_NAME_ENV, this.table.table.tableName);
      this.table.grantProcessorAccess(this.processor.role);
    }
    this.deadLetterQueue = createDeadLetterQueue(this);
    this.processor.function.addEventSource(
      new KinesisEventSource(this.stream, {
        // A new deployment must see every retained event: limits are built only from events.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: this.settings.batchSize,
        maxBatchingWindow: this.settings.maxBatchingWindow,
        // The handler reports the first record the store failed on; Lambda retries from there, in order.
        reportBatchItemFailures: true,
        // Only a crash or timeout fails a whole batch; halving it isolates the record that causes it.
        bisectBatchOnError: true,
        retryAttempts: this.settings.retryAttempts,
        maxRecordAge: this.settings.maxRecordAge,
        // Lambda keeps one partition key's (one user's) records in order across concurrent batches of a shard.
        parallelizationFactor: this.settings.parallelizationFactor,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
    this.alarms = new ProcessorAlarms(this, 'Alarms', {
      stream: this.stream,
      function: this.processor.function,
      deadLetterQueue: this.deadLetterQueue,
      iteratorAgeThreshold: this.settings.iteratorAgeAlarmThreshold,
      topic: this.settings.alarmTopic,
    });

    this.readApi =
      this.table === undefined
        ? undefined
        : new ReadApi(this, 'ReadApi', {
            table: this.table,
            logLevel: this.settings.logLevel,
            logRetention: this.settings.logRetention,
            jwtIssuer: this.settings.jwtIssuer,
            jwtAudience: this.settings.jwtAudience,
            apiThrottleRateLimit: this.settings.apiThrottleRateLimit,
            apiThrottleBurstLimit: this.settings.apiThrottleBurstLimit,
            corsOrigins: this.settings.corsOrigins,
          });

    new CfnOutput(this, 'StreamName', { value: this.stream.streamName, description: 'Kinesis stream to put limit events on' });
    new CfnOutput(this, 'StreamArn', { value: this.stream.streamArn });
    new CfnOutput(this, 'FunctionName', { value: this.processor.function.functionName, description: 'The processor Lambda function' });
    new CfnOutput(this, 'LogGroupName', {
      value: this.processor.logGroup.logGroupName,
      description: 'The function logs here: aws logs tail <name> --follow',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: 'Shard and sequence ranges of batches Lambda gave up on',
    });
    if (this.alarms.topic !== undefined) new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    if (this.table !== undefined)
      new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table of user limits' });
    if (this.readApi !== undefined) {
      new CfnOutput(this, 'ApiUrl', {
        value: this.readApi.url,
        description: 'GET <url>user-limits/<userId> with Authorization: <access token>',
      });
      const pool = this.readApi.userPool;
      if (pool !== undefined) {
        new CfnOutput(this, 'UserPoolId', {
          value: pool.userPool.userPoolId,
          description: 'Cognito user pool issuing the read API tokens',
        });
        new CfnOutput(this, 'UserPoolClientId', {
          value: pool.client.userPoolClientId,
          description: 'App client to sign in with (initiate-auth --client-id)',
        });
      }
    }

    acknowledgeNagFindings(this);
  }
}
