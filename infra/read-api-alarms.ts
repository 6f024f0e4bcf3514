import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';

/**
 * p99 latency above which the API alarms, in 3 consecutive 5-minute periods.
 * A warm request is a Query of a few items (README, "Read API": 1.1 ms median
 * and 25–30 ms p99 per request against dynalite); a cold start adds the imports
 * (~130–160 ms) and the paging key's first read. One second, sustained for
 * 15 minutes, is far beyond both: something is slow, not one cold container.
 */
export const API_LATENCY_P99_THRESHOLD = Duration.seconds(1);

/**
 * The read API's alarms, on API Gateway's own metrics (`AWS/ApiGateway`, by
 * ApiId) rather than the function's EMF: they also count what the function
 * cannot report, a crash, a timeout or a throttled invocation (API Gateway
 * answers 500/503 itself), and the latency the client sees (authorizer and
 * integration included).
 */
export class ReadApiAlarms extends Construct {
  readonly serverErrors: Alarm;
  readonly latency: Alarm;

  constructor(scope: Construct, id: string, api: IHttpApi) {
    super(scope, id);
    this.serverErrors = new Alarm(this, 'ServerErrors', {
      alarmDescription:
        'The read API answered 5xx in the last 5 minutes: the function failed, timed out or was throttled, or the table failed. Read the function logs and the access log (integrationError).',
      metric: api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.latency = new Alarm(this, 'LatencyP99', {
      alarmDescription: `The read API's p99 latency exceeded ${API_LATENCY_P99_THRESHOLD.toHumanString()} for 15 minutes: compare Latency with IntegrationLatency on the dashboard (authorizer vs function/table).`,
      metric: api.metricLatency({ statistic: 'p99', period: Duration.minutes(5) }),
      threshold: API_LATENCY_P99_THRESHOLD.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
