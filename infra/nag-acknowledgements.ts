import { Validations } from 'aws-cdk-lib';
import type { UserLimitsStack } from './user-limits-stack';

/**
 * Every cdk-nag finding we accept, on the construct it concerns, with the
 * reason it does not apply. Anything else fails `npm run synth` and the test.
 */
export const acknowledgeNagFindings = (stack: UserLimitsStack): void => {
  Validations.of(stack.processor.function).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'nodejs22.x is pinned on purpose: the bundle targets node22 and the tests run on Node 22 APIs; ' +
      'moving to a newer runtime is a deliberate change of runtime, esbuild target and CI Node together.',
  });
  Validations.of(stack.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the failure destination of the Kinesis event source mapping; it holds only ' +
      'batch metadata for an operator to read, nothing consumes it, so a DLQ behind it would never receive anything.',
  });
};
