import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../infra/bundling';
import { STACK_NAME, UserLimitsStack } from '../../infra/user-limits-stack';
import type { UserLimitsStackProps } from '../../infra/stack-props';

/** The context cdk.json gives the real app (feature flags), so tests synthesize what `cdk synth` does. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * An app like the CDK CLI runs infra/app.ts in. Bundling is skipped unless asked for: it
 * runs esbuild, which only the bundle tests need.
 */
export const testApp = (options: { bundling?: boolean } & Omit<AppProps, 'context'> = {}): App => {
  const { bundling = false, ...appProps } = options;
  return new App({
    builtinCloudFormationValidation: false,
    ...appProps,
    context: {
      ...cdkJsonContext(),
      // Set by the CDK CLI: the asset path in the function's metadata is what `sam local invoke` follows.
      'aws:cdk:enable-asset-metadata': true,
      ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
};

/** The stack with `props` in a fresh app without bundling. */
export const synthStack = (props: UserLimitsStackProps = {}): { stack: UserLimitsStack; template: Template } => {
  const stack = new UserLimitsStack(testApp(), STACK_NAME, props);
  return { stack, template: Template.fromStack(stack) };
};
