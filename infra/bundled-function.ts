import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HANDLER_EXPORT, nodejsFunctionBundling, PROJECT_ROOT } from './bundling';
import { lambdaLogLevels, type LogLevel } from './log-levels';

/** How a function logs and where its metrics go; the same for every function of the stack. */
export interface FunctionTelemetry {
  readonly logLevel: LogLevel;
  /** Fraction of invocations that log at DEBUG (POWERTOOLS_LOGGER_SAMPLE_RATE). */
  readonly logSampleRate: number;
  /** CloudWatch namespace of the EMF metrics (POWERTOOLS_METRICS_NAMESPACE). */
  readonly metricsNamespace: string;
}

/** What differs between the stack's functions; everything else is shared. */
export interface BundledFunctionProps {
  /** The handler module (exporting `handler`), bundled by local esbuild. */
  readonly entry: string;
  /** Fixed CloudFormation logical id, so commands can name the function. */
  readonly logicalId: string;
  readonly serviceName: string;
  readonly telemetry: FunctionTelemetry;
  readonly logRetention: RetentionDays;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly description: string;
  readonly roleDescription: string;
  readonly environment?: Record<string, string>;
}

/** A function with its own log group and its own role. */
export interface BundledFunction {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
}

/**
 * A nodejs22.x arm64 function bundled like every other (infra/bundling.ts),
 * created as `Logs`, `Role` and `Function` under `scope`. The role starts empty
 * (no AWS managed policy) and gets only write access to the function's own
 * log group here; callers add what the function needs, by hand. Lambda writes
 * its own lines as JSON too and filters both by level (infra/log-levels.ts).
 */
export const createBundledFunction = (scope: Construct, props: BundledFunctionProps): BundledFunction => {
  const logGroup = new LogGroup(scope, 'Logs', {
    retention: props.logRetention,
    // Logs are the audit trail of what the function did: keep them when the stack goes.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.roleDescription });
  logGroup.grantWrite(role);
  const { telemetry } = props;
  const levels = lambdaLogLevels(telemetry.logLevel, telemetry.logSampleRate);
  const fn = new NodejsFunction(scope, 'Function', {
    entry: props.entry,
    handler: HANDLER_EXPORT,
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: Duration.seconds(props.timeoutSeconds),
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    applicationLogLevelV2: levels.application,
    systemLogLevelV2: levels.system,
    description: props.description,
    bundling: nodejsFunctionBundling(),
    environment: {
      POWERTOOLS_SERVICE_NAME: props.serviceName,
      POWERTOOLS_LOG_LEVEL: telemetry.logLevel,
      POWERTOOLS_LOGGER_SAMPLE_RATE: String(telemetry.logSampleRate),
      POWERTOOLS_METRICS_NAMESPACE: telemetry.metricsNamespace,
      // NodejsFunction no longer sets this with sourceMap: stack traces would point into minified code.
      NODE_OPTIONS: '--enable-source-maps',
      ...props.environment,
    },
  });
  (fn.node.defaultChild as CfnFunction).overrideLogicalId(props.logicalId);
  return { function: fn, logGroup, role };
};
