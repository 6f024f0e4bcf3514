import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { MetricType, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ProcessorAlarms } from './alarms';
import type { FunctionTelemetry } from './bundled-function';
import { OperationsDashboard } from './dashboard';
import { createDeadLetterQueue } from './dead-letter-queue';
import { createEventStream } from './event-stream';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { ProcessorFunction } from './processor-function';
import { ProcessorMetrics } from './processor-metrics';
import { ReadApi } from './read-api';
import { ReadApiAlarms } from './read-api-alarms';
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
  readonly dashboard: OperationsDashboard;
  /** The DynamoDB store's table; undefined with the in-memory store. */
  readonly table: UserLimitsTable | undefined;
  /** `GET /user-limits/{userId}`; only with the DynamoDB store. */
  readonly readApi: ReadApi | undefined;
  readonly readApiAlarms: ReadApiAlarms | undefined;

  constructor(scope: Construct, id: string, props: UserLimitsStackProps = {}) {
    super(scope, id, props);
    this.settings = resolveStackProps(props);
    this.stream = createEventStream(this, this.settings.stream);
    const telemetry: FunctionTelemetry = {
      logLevel: this.settings.logLevel,
      logSampleRate: this.settings.logSampleRate,
      metricsNamespace: this.settings.metricsNamespace,
    };
    this.processor = new ProcessorFunction(this, 'Processor', { telemetry, logRetention: this.settings.logRetention });
    this.table = this.settings.store === 'dynamodb' ? new UserLimitsTable(this, 'UserLimits') : undefined;
    if (this.table !== undefined) {
      this.processor.function.addEnvironment(TABLE_NAME_ENV, this.table.table.tableName);
      this.table.grantProcessorAccess(this.processor.role);
    }
    this.deadLetterQueue = createDeadLetterQueue(this);
    const eventSource = new KinesisEventSource(this.stream, {
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
      // Polled, invoked, failed, dropped and DLQ-delivered record counts of this mapping (AWS/Lambda, on the dashboard).
      metricsConfig: { metrics: [MetricType.EVENT_COUNT] },
    });
    this.processor.function.addEventSource(eventSource);
    const metrics = new ProcessorMetrics({
      namespace: this.settings.metricsNamespace,
      stream: this.stream,
      function: this.processor.function,
      deadLetterQueue: this.deadLetterQueue,
      eventSourceMappingId: eventSource.eventSourceMappingId,
      durableStore: this.table !== undefined,
    });
    this.alarms = new ProcessorAlarms(this, 'Alarms', {
      metrics,
      iteratorAgeThreshold: this.settings.iteratorAgeAlarmThreshold,
      rejectedThreshold: this.settings.rejectedAlarmThreshold,
      orphanedRatePercent: this.settings.orphanedRateAlarmPercent,
      topic: this.settings.alarmTopic,
      alarmEmail: this.settings.alarmEmail,
    });

    this.readApi =
      this.table === undefined
        ? undefined
        : new ReadApi(this, 'ReadApi', {
            table: this.table,
            telemetry,
            logRetention: this.settings.logRetention,
            jwtIssuer: this.settings.jwtIssuer,
            jwtAudience: this.settings.jwtAudience,
            apiThrottleRateLimit: this.settings.apiThrottleRateLimit,
            apiThrottleBurstLimit: this.settings.apiThrottleBurstLimit,
            corsOrigins: this.settings.corsOrigins,
          });
    this.readApiAlarms = this.readApi === undefined ? undefined : new ReadApiAlarms(this, 'ReadApiAlarms', this.readApi.api);
    if (this.readApiAlarms !== undefined) {
      this.alarms.notify(this.readApiAlarms.serverErrors);
      this.alarms.notify(this.readApiAlarms.latency);
    }
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      metrics,
      alarms: this.alarms.alarms,
      iteratorAgeThreshold: this.settings.iteratorAgeAlarmThreshold,
      readApi: this.readApi === undefined ? undefined : { api: this.readApi.api, namespace: this.settings.metricsNamespace },
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
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${this.dashboard.dashboard.dashboardName}`,
      description: 'The operations dashboard: outcomes, lag, duration, errors, DLQ, read API',
    });
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
