import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';
import { createBundledFunction, type FunctionTelemetry } from './bundled-function';
import { HANDLER_ENTRY } from './bundling';
import { PROCESSOR_MEMORY_MB, PROCESSOR_TIMEOUT_SECONDS } from './function-sizing';

/**
 * The function's CloudFormation logical id, fixed so that commands can name it
 * (`sam local invoke -t cdk.out/UserLimitsStack.template.json UserLimitsProcessor`).
 */
export const FUNCTION_LOGICAL_ID = 'UserLimitsProcessor';

/** What the processor function is configured with. */
export interface ProcessorFunctionProps {
  readonly telemetry: FunctionTelemetry;
  readonly logRetention: RetentionDays;
}

/**
 * The Lambda function running `lambda/processor/handler.ts`, with its own log
 * group and its own role: the role starts with write access to that log group
 * only; the event source adds stream read and DLQ send, and the DynamoDB store
 * (when chosen) its table access.
 */
export class ProcessorFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ProcessorFunctionProps) {
    super(scope, id);
    const {
      function: fn,
      logGroup,
      role,
    } = createBundledFunction(this, {
      entry: HANDLER_ENTRY,
      logicalId: FUNCTION_LOGICAL_ID,
      serviceName: DEFAULT_SERVICE_NAME,
      telemetry: props.telemetry,
      logRetention: props.logRetention,
      memorySize: PROCESSOR_MEMORY_MB,
      timeoutSeconds: PROCESSOR_TIMEOUT_SECONDS,
      description: 'Applies user limit events from Kinesis to the user limits store',
      roleDescription:
        'User limits processor: write its own logs, read the event stream, send failures to the DLQ; with the DynamoDB store, load and write its table',
    });
    this.function = fn;
    this.logGroup = logGroup;
    this.role = role;
  }
}
