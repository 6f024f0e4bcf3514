import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { AlarmTopicSource } from './stack-props';

/**
 * A topic CloudWatch can publish to although it is encrypted: CloudWatch
 * cannot use the AWS-managed `aws/sns` key, so the topic gets its own key whose
 * policy lets CloudWatch encrypt.
 */
const createEncryptedTopic = (scope: Construct): Topic => {
  const key = new Key(scope, 'AlarmTopicKey', {
    enableKeyRotation: true,
    description: 'Encrypts the user limits alarm topic; CloudWatch may use it to publish',
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // in a key policy, "*" means this key
    }),
  );
  return new Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: 'User limits processor alarms' });
};

/**
 * The alarm topic (created, imported or none) and, when an address is given,
 * its email subscription: SNS mails the address a link to confirm, and sends
 * nothing to it before. Validation (infra/operations-props.ts) guarantees a
 * topic when there is an address.
 */
export const createAlarmTopic = (scope: Construct, source: AlarmTopicSource, email: string | undefined): ITopic | undefined => {
  const topic =
    source.kind === 'create'
      ? createEncryptedTopic(scope)
      : source.kind === 'import'
        ? Topic.fromTopicArn(scope, 'AlarmTopic', source.topicArn)
        : undefined;
  if (topic !== undefined && email !== undefined) topic.addSubscription(new EmailSubscription(email));
  return topic;
};
