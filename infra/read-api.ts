import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionTelemetry } from './bundled-function';
import { ReadApiFunction } from './read-api-function';
import type { ResolvedReadApiProps } from './read-api-props';
import { type JwtSettings, ReadApiUserPool } from './token-issuer';
import type { UserLimitsTable } from './user-limits-table';

/** The one route of the API. */
export const READ_ROUTE_PATH = '/user-limits/{userId}';

/**
 * One JSON object per request (HTTP API `$context` variables): who asked
 * (`sub` of the verified token) for which path, what came back and how long
 * it took, and why the authorizer or the integration failed, if it did.
 * No token, no query string (it holds the nextToken), no body.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
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
};

/** What the read API is built from. */
export interface ReadApiConstructProps extends ResolvedReadApiProps {
  readonly table: UserLimitsTable;
  readonly telemetry: FunctionTelemetry;
  readonly logRetention: RetentionDays;
}

/**
 * `GET /user-limits/{userId}` on an HTTP API: a JWT authorizer in front of
 * the read function (the function decides whose limits the token may read),
 * default-route throttling, JSON access logs in their own log group, CORS only
 * for the configured origins. Tokens come from `jwtIssuer`/`jwtAudience`, or
 * from a Cognito user pool the stack creates when they are not given.
 */
export class ReadApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly function: ReadApiFunction;
  readonly accessLogs: LogGroup;
  readonly userPool: ReadApiUserPool | undefined;

  constructor(scope: Construct, id: string, props: ReadApiConstructProps) {
    super(scope, id);
    this.function = new ReadApiFunction(this, 'Handler', {
      table: props.table,
      telemetry: props.telemetry,
      logRetention: props.logRetention,
    });
    this.userPool = props.jwtIssuer === undefined ? new ReadApiUserPool(this, 'Users') : undefined;
    const jwt: JwtSettings = this.userPool?.jwtSettings() ?? { issuer: props.jwtIssuer ?? '', audience: props.jwtAudience ?? [] };

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'User limits read API',
      // The stage below is created explicitly: the default one takes neither throttling nor access logs.
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.corsOrigins],
              allowMethods: [CorsHttpMethod.GET],
              allowHeaders: ['Authorization'],
              maxAge: Duration.hours(1),
            },
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      // Who read whose limits: an audit trail, kept when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.apiThrottleRateLimit, burstLimit: props.apiThrottleBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.api.addRoutes({
      path: READ_ROUTE_PATH,
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('ReadUserLimits', this.function.function),
      authorizer: new HttpJwtAuthorizer('JwtAuthorizer', jwt.issuer, {
        jwtAudience: [...jwt.audience],
        identitySource: ['$request.header.Authorization'],
      }),
    });
  }

  /** The API's base URL (`https://{id}.execute-api.{region}.amazonaws.com/`). */
  get url(): string {
    return this.stage.url;
  }
}
