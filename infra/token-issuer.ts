import { Duration } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Who issues the tokens the read API accepts: the `iss` to expect and the audiences to accept. */
export interface JwtSettings {
  readonly issuer: string;
  readonly audience: readonly string[];
}

/**
 * A Cognito user pool and app client for the read API, created when no
 * issuer is configured (README, "deploy", shows how to get a token for a test
 * user). Hardened: no self sign-up, strong passwords, Plus feature plan with
 * threat protection enforcing (blocks risky and compromised-credential
 * sign-ins), TOTP available as a second factor. The client has no secret (the
 * CLI and a browser cannot keep one) and short-lived tokens.
 */
export class ReadApiUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // Users are created by an administrator, who also resets their passwords.
      accountRecovery: AccountRecovery.NONE,
    });
    this.client = this.userPool.addClient('ReadApiClient', {
      generateSecret: false,
      // USER_PASSWORD_AUTH for `aws cognito-idp initiate-auth`; SRP for front ends.
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
  }

  /**
   * The pool as issuer; the client id as audience. A Cognito access token has
   * no `aud` but a `client_id` claim, which API Gateway's JWT authorizer
   * checks against the audience list when `aud` is absent.
   */
  jwtSettings(): JwtSettings {
    return { issuer: this.userPool.userPoolProviderUrl, audience: [this.client.userPoolClientId] };
  }
}
