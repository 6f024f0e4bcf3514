import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';
import { HANDLER_ENTRY, HANDLER_EXPORT, nodejsFunctionBundling, PROJECT_ROOT } from './bundling';
import { PROCESSOR_MEMORY_MB, PROCESSOR_TIMEOUT_SECONDS } from './function-sizing';
import type { LogLevel } from './stack-props';

/**
 * The function's CloudFormation logical id, fixed so that commands can name it
 * (`sam local invoke -t cdk.out/UserLimitsStack.template.json UserLimitsProcessor`).
 */
export const FUNCTION_LOGICAL_ID = 'UserLimitsProcessor';

/** What the processor function is configured with. */
export interface ProcessorFunctionProps {
  readonly logLevel: LogLevel;
  readonly logRetention: RetentionDays;
}

/**
 * The Lambda function running `lambda/processor/handler.ts`, with its own log group and
 * its own role: the role starts empty (no AWS managed policy) and gets only
 * write access to that log group here; the event source adds stream read and
 * DLQ send.
 */
export class ProcessorFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ProcessorFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are the audit trail of what the function applied: keep them when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'User limits processor: write its own logs, read the event stream, send failures to the DLQ',
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: HANDLER_ENTRY,
      handler: HANDLER_EXPORT,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: PROCESSOR_MEMORY_MB,
      timeout: Duration.seconds(PROCESSOR_TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      description: 'Applies user limit events from Kinesis to the user limits store',
      bundling: nodejsFunctionBundling(),
      environment: {
        POWERTOOLS_SERVICE_NAME: DEFAULT_SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        // NodejsFunction no longer sets this with sourceMap: stack traces would point into minified code.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    (this.function.node.defaultChild as CfnFunction).overrideLogicalId(FUNCTION_LOGICAL_ID);
  }
}
