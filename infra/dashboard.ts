import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  HorizontalAnnotation,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { COUNT_PERIOD, emfMetric, MAPPING_EVENT_COUNT_METRICS, OUTCOME_METRICS, type ProcessorMetrics } from './processor-metrics';
import { READ_API_SERVICE_NAME } from './read-api-function';

/** The read API as the dashboard sees it. */
export interface DashboardReadApi {
  readonly api: IHttpApi;
  /** The namespace the read function's EMF metrics go to. */
  readonly namespace: string;
}

/** What the dashboard shows. */
export interface OperationsDashboardProps {
  readonly metrics: ProcessorMetrics;
  readonly alarms: readonly IAlarm[];
  readonly iteratorAgeThreshold: Duration;
  readonly readApi: DashboardReadApi | undefined;
}

const graph = (title: string, left: IMetric[], more: { right?: IMetric[]; annotation?: HorizontalAnnotation; width?: number } = {}) =>
  new GraphWidget({
    title,
    left,
    right: more.right,
    leftAnnotations: more.annotation === undefined ? undefined : [more.annotation],
    width: more.width ?? 12,
    height: 6,
  });

const processorRows = (props: OperationsDashboardProps): IWidget[][] => {
  const { metrics } = props;
  const storeTime = metrics.storeTime();
  return [
    [
      graph(
        'Outcomes per 5 minutes (batch summary counts)',
        OUTCOME_METRICS.map((name) => metrics.outcome(name)),
      ),
      graph(
        'Lag: iterator age and batch age (ms, maximum per minute)',
        [
          metrics.functionIteratorAge({ label: 'IteratorAge (this function)' }),
          metrics.streamIteratorAge({ label: 'GetRecords.IteratorAgeMilliseconds (stream, all readers)' }),
          metrics.batchAge({ label: 'BatchAgeMs (oldest record of a batch)' }),
        ],
        { annotation: { value: props.iteratorAgeThreshold.toMilliseconds(), label: 'lag alarm' } },
      ),
    ],
    [
      graph('Duration (ms)', [
        metrics.lambda('Duration', { statistic: 'p50', label: 'p50' }),
        metrics.lambda('Duration', { statistic: 'p99', label: 'p99' }),
        metrics.lambda('Duration', { statistic: 'Maximum', label: 'maximum' }),
        ...(storeTime === undefined ? [] : [storeTime.with({ label: 'StoreMs p99 (store I/O)' })]),
      ]),
      graph('Errors and throttles per 5 minutes', [metrics.lambda('Errors'), metrics.lambda('Throttles')], {
        right: [metrics.lambda('Invocations')],
        width: 6,
      }),
      graph('DLQ depth (batches given up on)', [metrics.deadLetters({ label: 'messages visible' })], { width: 6 }),
    ],
    [
      graph(
        'Event source mapping: events per 5 minutes',
        MAPPING_EVENT_COUNT_METRICS.map((name) => metrics.mapping(name)),
        { width: 24 },
      ),
    ],
  ];
};

const readApiRows = ({ api, namespace }: DashboardReadApi): IWidget[][] => {
  const period = COUNT_PERIOD;
  const own = (name: string, statistic: string) => emfMetric(namespace, READ_API_SERVICE_NAME, name, { statistic, period });
  return [
    [
      graph(
        'Read API: requests and errors per 5 minutes',
        [
          api.metricCount({ statistic: 'Sum', period, label: 'Count (API Gateway)' }),
          api.metricClientError({ period, label: '4xx (API Gateway)' }),
          api.metricServerError({ period, label: '5xx (API Gateway)' }),
        ],
        { right: [own('Requests', 'Sum'), own('ClientErrors', 'Sum'), own('ServerErrors', 'Sum')] },
      ),
      graph('Read API: latency (ms)', [
        api.metricLatency({ statistic: 'p50', period, label: 'Latency p50 (API Gateway)' }),
        api.metricLatency({ statistic: 'p99', period, label: 'Latency p99 (API Gateway)' }),
        api.metricIntegrationLatency({ statistic: 'p99', period, label: 'IntegrationLatency p99' }),
        own('LatencyMs', 'p99').with({ label: 'LatencyMs p99 (function)' }),
      ]),
    ],
  ];
};

/**
 * One CloudWatch dashboard for the stack: alarm states on top, then the
 * processor's outcomes, lag, duration, failures, DLQ and mapping counts, and
 * the read API's traffic and latency when it is deployed. Named after the
 * stack and region (dashboard names are unique per account).
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-${stack.region}`,
      defaultInterval: Duration.hours(3),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 })],
        ...processorRows(props),
        ...(props.readApi === undefined ? [] : readApiRows(props.readApi)),
      ],
    });
  }
}
