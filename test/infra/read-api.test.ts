import { randomBytes } from 'node:crypto';
import type { Template } from 'aws-cdk-lib/assertions';
import { MIN_NEXT_TOKEN_KEY_BYTES } from '../../lambda/read-api/next-token';
import { parseNextTokenSecret } from '../../lambda/read-api/next-token-key';
import type { UserLimitsStackProps } from '../../infra/stack-props';
import { synthStack } from './cdk-app';
import { onlyResource, statementsOfFunctionRole } from './template-queries';

const ISSUER = 'https://login.example.com/';
const AUDIENCE = ['user-limits-api', 'support-console'];

// Two synths (no bundling): with the stack's own user pool, and with an external issuer and CORS.
let withPool: Template;
let external: Template;
beforeAll(() => {
  withPool = synthStack({ store: 'dynamodb' }).template;
  const props: UserLimitsStackProps = {
    store: 'dynamodb',
    jwtIssuer: ISSUER,
    jwtAudience: AUDIENCE,
    apiThrottleRateLimit: 20,
    apiThrottleBurstLimit: 40,
    corsOrigins: ['https://limits.example.com', 'http://localhost:5173'],
  };
  external = synthStack(props).template;
});

const idOf = (template: Template, type: string): string => onlyResource(template, type).logicalId;

describe('the route', () => {
  test('is the only one: GET /user-limits/{userId}, behind the JWT authorizer', () => {
    const route = onlyResource(withPool, 'AWS::ApiGatewayV2::Route').properties;
    expect(route).toMatchObject({
      RouteKey: 'GET /user-limits/{userId}',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: idOf(withPool, 'AWS::ApiGatewayV2::Authorizer') },
    });
    expect(route.AuthorizationScopes).toBeUndefined();
  });

  test('proxies to the read function (payload 2.0), which only this API route may invoke', () => {
    const integration = onlyResource(withPool, 'AWS::ApiGatewayV2::Integration').properties;
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': ['UserLimitsReadApi', 'Arn'] },
    });
    const permission = onlyResource(withPool, 'AWS::Lambda::Permission').properties;
    expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
    expect(JSON.stringify(permission.SourceArn)).toContain('/*/*/user-limits/{userId}');
  });
});

describe('the JWT authorizer', () => {
  test('without an issuer: the stack user pool is the issuer and its app client the audience, token from Authorization', () => {
    const authorizer = onlyResource(withPool, 'AWS::ApiGatewayV2::Authorizer').properties;
    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [idOf(withPool, 'AWS::Cognito::UserPool'), 'ProviderURL'] },
        Audience: [{ Ref: idOf(withPool, 'AWS::Cognito::UserPoolClient') }],
      },
    });
  });

  test('with jwtIssuer and jwtAudience: exactly those, and no user pool', () => {
    const authorizer = onlyResource(external, 'AWS::ApiGatewayV2::Authorizer').properties;
    expect(authorizer.JwtConfiguration).toEqual({ Issuer: ISSUER, Audience: AUDIENCE });
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    external.resourceCountIs('AWS::Cognito::UserPool', 0);
    external.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });
});

describe('the stack user pool', () => {
  test('admins create users; strong passwords; TOTP optional; Plus plan with threat protection enforced', () => {
    const pool = onlyResource(withPool, 'AWS::Cognito::UserPool').properties;
    expect(pool).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 1,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
    });
  });

  test('its client has no secret, password and SRP sign-in, no OAuth, 1 h tokens', () => {
    const client = onlyResource(withPool, 'AWS::Cognito::UserPoolClient').properties;
    expect(client).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });
});

describe('the $default stage', () => {
  test('deploys automatically and throttles the default route at 50 requests/s, bursts of 100', () => {
    const stage = onlyResource(withPool, 'AWS::ApiGatewayV2::Stage').properties;
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
  });

  test('takes other throttling limits', () => {
    expect(onlyResource(external, 'AWS::ApiGatewayV2::Stage').properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 20,
      ThrottlingBurstLimit: 40,
    });
  });

  test('writes one JSON object per request to its own access log group', () => {
    const stage = onlyResource(withPool, 'AWS::ApiGatewayV2::Stage').properties;
    const settings = stage.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(JSON.parse(settings.Format)).toEqual({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      caller: '$context.authorizer.claims.sub',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      authorizerError: '$context.authorizer.error',
      integrationError: '$context.integrationErrorMessage',
    });
    const logGroup = withPool.findResources('AWS::Logs::LogGroup')[logGroupId] as {
      Properties: { RetentionInDays: number };
      DeletionPolicy: string;
    };
    expect(logGroup).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    const functionLogGroups = Object.values(withPool.findResources('AWS::Lambda::Function')).map(
      (fn) => (fn as { Properties: { LoggingConfig: { LogGroup: { Ref: string } } } }).Properties.LoggingConfig.LogGroup.Ref,
    );
    expect(functionLogGroups).toHaveLength(2);
    expect(functionLogGroups).not.toContain(logGroupId);
  });
});

describe('CORS', () => {
  test('is off unless origins are given', () => {
    expect(onlyResource(withPool, 'AWS::ApiGatewayV2::Api').properties.CorsConfiguration).toBeUndefined();
  });

  test('for the given origins: GET only, the Authorization header, no credentials', () => {
    expect(onlyResource(external, 'AWS::ApiGatewayV2::Api').properties.CorsConfiguration).toEqual({
      AllowOrigins: ['https://limits.example.com', 'http://localhost:5173'],
      AllowMethods: ['GET'],
      AllowHeaders: ['Authorization'],
      MaxAge: 3600,
    });
  });
});

describe('the read function', () => {
  test('runs nodejs22.x on arm64, 256 MB, 10 s, with its table, its paging-token secret and Powertools settings', () => {
    const fn = (withPool.findResources('AWS::Lambda::Function').UserLimitsReadApi as { Properties: Record<string, unknown> }).Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: 256, Timeout: 10 });
    expect(fn.Environment).toEqual({
      Variables: {
        POWERTOOLS_SERVICE_NAME: 'user-limits-read-api',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
        POWERTOOLS_METRICS_NAMESPACE: 'UserLimits',
        NODE_OPTIONS: '--enable-source-maps',
        USER_LIMITS_TABLE: { Ref: idOf(withPool, 'AWS::DynamoDB::Table') },
        NEXT_TOKEN_SECRET_ARN: { Ref: idOf(withPool, 'AWS::SecretsManager::Secret') },
      },
    });
  });

  test('the secret is generated by Secrets Manager (its value is nowhere in the template)', () => {
    expect(onlyResource(withPool, 'AWS::SecretsManager::Secret').properties).toMatchObject({
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    expect(onlyResource(withPool, 'AWS::SecretsManager::Secret').properties.SecretString).toBeUndefined();
  });

  test('what Secrets Manager generates for that template is a key the function accepts', () => {
    const { PasswordLength: length } = onlyResource(withPool, 'AWS::SecretsManager::Secret').properties.GenerateSecretString as {
      PasswordLength: number;
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (let sample = 0; sample < 100; sample += 1) {
      const generated = Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
      expect(parseNextTokenSecret(generated, 'the generated secret').length).toBeGreaterThanOrEqual(MIN_NEXT_TOKEN_KEY_BYTES);
    }
  });

  test('may write its logs, Query the table, decrypt through DynamoDB and read its secret: nothing else', () => {
    const table = idOf(withPool, 'AWS::DynamoDB::Table');
    const key = idOf(withPool, 'AWS::KMS::Key');
    const statements = statementsOfFunctionRole(withPool, 'UserLimitsReadApi');
    const fn = withPool.findResources('AWS::Lambda::Function').UserLimitsReadApi as {
      Properties: { LoggingConfig: { LogGroup: { Ref: string } } };
    };
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] },
      },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': [table, 'Arn'] } },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [key, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      },
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: idOf(withPool, 'AWS::SecretsManager::Secret') } },
    ]);
  });
});

describe('the outputs with the DynamoDB store', () => {
  const BASE_OUTPUTS = [
    'DeadLetterQueueUrl',
    'FunctionName',
    'LogGroupName',
    'StreamArn',
    'StreamName',
    'TableName',
    'ApiUrl',
    'DashboardUrl',
  ];

  test('ApiUrl, plus the user pool and client ids when the stack created them', () => {
    withPool.hasOutput('ApiUrl', {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: idOf(withPool, 'AWS::ApiGatewayV2::Api') },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
          ],
        ],
      },
    });
    withPool.hasOutput('UserPoolId', { Value: { Ref: idOf(withPool, 'AWS::Cognito::UserPool') } });
    withPool.hasOutput('UserPoolClientId', { Value: { Ref: idOf(withPool, 'AWS::Cognito::UserPoolClient') } });
    expect(Object.keys(withPool.findOutputs('*')).sort()).toEqual([...BASE_OUTPUTS, 'UserPoolClientId', 'UserPoolId'].sort());
  });

  test('no user pool outputs with an external issuer', () => {
    expect(Object.keys(external.findOutputs('*')).sort()).toEqual([...BASE_OUTPUTS].sort());
  });
});
