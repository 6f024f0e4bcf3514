import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ReadApi } from './read-api';
import type { UserLimitsStack } from './user-limits-stack';

/**
 * Every cdk-nag finding we accept, on the construct it concerns, with the
 * reason it does not apply. Anything else fails `npm run synth` and the test.
 */
export const acknowledgeNagFindings = (stack: UserLimitsStack): void => {
  const functions: Array<[IConstruct, string]> = [[stack.processor.function, 'the processor']];
  if (stack.readApi !== undefined) functions.push([stack.readApi.function.function, 'the read API function']);
  for (const [fn, name] of functions) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `nodejs22.x is pinned on purpose for ${name}: the bundle targets node22 and the tests run on Node 22 APIs; ` +
        'moving to a newer runtime is a deliberate change of runtime, esbuild target and CI Node together.',
    });
  }
  Validations.of(stack.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the failure destination of the Kinesis event source mapping; it holds only ' +
      'batch metadata for an operator to read, nothing consumes it, so a DLQ behind it would never receive anything.',
  });
  if (stack.readApi !== undefined) acknowledgeReadApiFindings(stack.readApi);
};

const acknowledgeReadApiFindings = (readApi: ReadApi): void => {
  Validations.of(readApi.function.nextTokenSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The secret is the HMAC key that signs read API paging tokens, not a credential of another system: no ' +
      'target needs updating, and rotating it only voids nextTokens in flight (clients get 400 and page from the ' +
      'start), so it is rotated by hand (README, "deploy") rather than by a rotation Lambda.',
  });
  if (readApi.userPool !== undefined) {
    Validations.of(readApi.userPool.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional, not required: this pool exists only when no jwtIssuer is configured, for trying the API ' +
        'with users an administrator creates from the CLI (README); TOTP is offered, the Plus plan threat protection ' +
        'blocks risky sign-ins, and production points jwtIssuer at the identity provider that enforces its own MFA.',
    });
  }
};
