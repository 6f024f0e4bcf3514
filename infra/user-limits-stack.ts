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
import { resolveStackProps, type ResolvedStackProps, type UserLimitsStackProps } from './stack-props';

/** The stack name used by `cdk.json`'s app, the README and `cdk.out/<name>.template.json`. */
export const STACK_NAME = 'UserLimitsStack';

/**
 * Kinesis stream → Lambda (`lambda/processor/handler.ts`) with a hardened event source
 * mapping, an SQS on-failure destination, alarms and outputs.
 */
export class UserLimitsStack extends Stack {
  readonly settings: ResolvedStackProps;
  readonly stream: IStream;
  readonly processor: ProcessorFunction;
  readonly deadLetterQueue: Queue;
  readonly alarms: ProcessorAlarms;

  constructor(scope: Construct, id: string, props: UserLimitsStackProps = {}) {
    super(scope, id, props);
    this.settings = resolveStackProps(props);
    this.stream = createEventStream(this, this.settings.stream);
    this.processor = new ProcessorFunction(this, 'Processor', {
      logLevel: this.settings.logLevel,
      logRetention: this.settings.logRetention,
    });
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
        // One batch at a time per shard: events of one user (one partition key) stay in order.
        parallelizationFactor: 1,
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

    acknowledgeNagFindings(this);
  }
}
