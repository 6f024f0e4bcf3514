import { App } from 'aws-cdk-lib';
import { stackPropsFromContext } from './context-props';
import { applyNagChecks } from './nag';
import { withoutBundlingNotices } from './quiet-bundling';
import { StackPropsError } from './stack-props';
import { STACK_NAME, UserLimitsStack } from './user-limits-stack';

/**
 * The CDK app (`cdk.json` runs it with tsx). Account and region come from the
 * CLI's credentials at deploy time; the template itself is environment-agnostic.
 */
const main = (): void => {
  // The built-in CloudFormation schema check costs ~5 s per synth; test/infra/nag.test.ts runs it on every `npm test`.
  const app = new App({ builtinCloudFormationValidation: false });
  const props = stackPropsFromContext((key) => app.node.tryGetContext(key));
  new UserLimitsStack(app, STACK_NAME, {
    ...props,
    description: 'User limits: Kinesis stream to Lambda, with DLQ and alarms; with the DynamoDB store, its table and a read API',
  });
  applyNagChecks(app);
  app.synth();
};

try {
  // Bundling runs while the stack is built (NodejsFunction stages its asset in its constructor).
  withoutBundlingNotices(main);
} catch (error) {
  if (!(error instanceof StackPropsError)) throw error;
  // A misconfigured -c value: one line the operator can act on, not a stack trace.
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 2;
}
