import type { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_LOGICAL_ID } from '../../infra/processor-function';
import { synthStack } from './cdk-app';
import { logicalIds, onlyResource } from './template-queries';

/** A widget of the dashboard body, with the fields these tests read. */
interface Widget {
  type: string;
  width: number;
  properties: { title: string; alarms?: string[]; metrics?: unknown[][]; annotations?: { horizontal?: Array<{ value: number }> } };
}

/**
 * The dashboard's body as JSON: CloudFormation builds it with Fn::Join, so
 * every reference (Ref, GetAtt) becomes a readable placeholder string first.
 */
const dashboardBody = (template: Template): { widgets: Widget[] } => {
  const body = onlyResource(template, 'AWS::CloudWatch::Dashboard').properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      return ref.Ref !== undefined ? `{Ref:${ref.Ref}}` : `{GetAtt:${ref['Fn::GetAtt']!.join('.')}}`;
    })
    .join('');
  return JSON.parse(text) as { widgets: Widget[] };
};

const widget = (widgets: Widget[], title: RegExp): Widget => {
  const found = widgets.filter((candidate) => title.test(candidate.properties.title));
  if (found.length !== 1) throw new Error(`expected one widget titled ${String(title)}, found ${found.length}`);
  return found[0]!;
};

/** A metric row of a graph widget as [namespace, name, dimension name, dimension value] (options dropped). */
const metricIds = (graph: Widget): string[][] =>
  (graph.properties.metrics ?? []).map((row) => row.filter((cell): cell is string => typeof cell === 'string'));

/**
 * The options object of each metric row (statistic, period, label, axis). CDK
 * leaves out a period of 300 s, CloudWatch's default for a graph, so it is
 * filled in here: the tests compare the period CloudWatch will use.
 */
const metricOptions = (graph: Widget): Array<Record<string, unknown>> =>
  (graph.properties.metrics ?? []).map((row) => ({ period: 300, ...(row.find((cell) => typeof cell === 'object') as object | undefined) }));

const SERVICE = ['service', 'user-limits-processor'];

describe('the dashboard (in-memory store)', () => {
  let template: Template;
  let widgets: Widget[];
  beforeAll(() => {
    template = synthStack().template;
    widgets = dashboardBody(template).widgets;
  });

  test('is one dashboard named after the stack and region', () => {
    const { properties } = onlyResource(template, 'AWS::CloudWatch::Dashboard');
    expect(properties.DashboardName).toEqual({ 'Fn::Join': ['', ['UserLimitsStack-', { Ref: 'AWS::Region' }]] });
  });

  test('lists every alarm of the stack in an alarm status widget', () => {
    const status = widget(widgets, /^Alarms$/);
    expect(status.type).toBe('alarm');
    const alarms = logicalIds(template, 'AWS::CloudWatch::Alarm').map((id) => `{GetAtt:${id}.Arn}`);
    expect([...(status.properties.alarms ?? [])].sort()).toEqual(alarms.sort());
  });

  test('outcomes: the eight counts of the batch summary, Sum per 5 minutes', () => {
    const outcomes = widget(widgets, /^Outcomes/);
    expect(metricIds(outcomes)).toEqual(
      ['Records', 'Applied', 'Duplicates', 'Ignored', 'Orphaned', 'Rejected', 'Failed', 'ProgressGaps'].map((name) => [
        'UserLimits',
        name,
        ...SERVICE,
      ]),
    );
    for (const options of metricOptions(outcomes)) expect(options).toMatchObject({ stat: 'Sum', period: 300 });
  });

  test("lag: the function's IteratorAge, the stream's GetRecords age and BatchAgeMs, maximum per minute, with the alarm threshold", () => {
    const lag = widget(widgets, /^Lag/);
    expect(metricIds(lag)).toEqual([
      ['AWS/Lambda', 'IteratorAge', 'FunctionName', `{Ref:${FUNCTION_LOGICAL_ID}}`],
      ['AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', 'StreamName', `{Ref:${logicalIds(template, 'AWS::Kinesis::Stream')[0]!}}`],
      ['UserLimits', 'BatchAgeMs', ...SERVICE],
    ]);
    for (const options of metricOptions(lag)) expect(options).toMatchObject({ stat: 'Maximum', period: 60 });
    expect(lag.properties.annotations?.horizontal?.[0]?.value).toBe(30 * 60 * 1000);
  });

  test('duration p50, p99 and maximum; no StoreMs without a durable store', () => {
    const duration = widget(widgets, /^Duration/);
    expect(metricIds(duration)).toEqual(Array(3).fill(['AWS/Lambda', 'Duration', 'FunctionName', `{Ref:${FUNCTION_LOGICAL_ID}}`]));
    expect(metricOptions(duration).map((options) => options.stat)).toEqual(['p50', 'p99', 'Maximum']);
  });

  test('errors and throttles, with invocations on the right axis', () => {
    const failures = widget(widgets, /^Errors and throttles/);
    expect(metricIds(failures).map((row) => row[1])).toEqual(['Errors', 'Throttles', 'Invocations']);
    expect(metricOptions(failures)[2]).toMatchObject({ yAxis: 'right' });
  });

  test('DLQ depth', () => {
    expect(metricIds(widget(widgets, /^DLQ depth/))).toEqual([
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `{GetAtt:${logicalIds(template, 'AWS::SQS::Queue')[0]!}.QueueName}`],
    ]);
  });

  test("the mapping's EventCount metrics, by the mapping's UUID", () => {
    const mapping = logicalIds(template, 'AWS::Lambda::EventSourceMapping')[0]!;
    expect(metricIds(widget(widgets, /^Event source mapping/))).toEqual(
      [
        'PolledEventCount',
        'InvokedEventCount',
        'FailedInvokeEventCount',
        'DroppedEventCount',
        'OnFailureDestinationDeliveredEventCount',
      ].map((name) => ['AWS/Lambda', name, 'EventSourceMappingUUID', `{Ref:${mapping}}`]),
    );
  });

  test('no read API widgets without the read API', () => {
    expect(widgets.filter((candidate) => /Read API/.test(candidate.properties.title))).toEqual([]);
  });
});

describe('the dashboard with the DynamoDB store and the read API', () => {
  let template: Template;
  let widgets: Widget[];
  beforeAll(() => {
    template = synthStack({ store: 'dynamodb', metricsNamespace: 'Limits/Prod' }).template;
    widgets = dashboardBody(template).widgets;
  });

  test('duration shows StoreMs p99 (store I/O) next to the function duration', () => {
    const duration = widget(widgets, /^Duration/);
    expect(metricIds(duration)[3]).toEqual(['Limits/Prod', 'StoreMs', ...SERVICE]);
    expect(metricOptions(duration)[3]).toMatchObject({ stat: 'p99' });
  });

  test("requests and errors: API Gateway's Count, 4xx and 5xx, and the function's own Requests, ClientErrors, ServerErrors", () => {
    const api = `{Ref:${logicalIds(template, 'AWS::ApiGatewayV2::Api')[0]!}}`;
    const requests = widget(widgets, /^Read API: requests and errors/);
    expect(metricIds(requests)).toEqual([
      ['AWS/ApiGateway', 'Count', 'ApiId', api],
      ['AWS/ApiGateway', '4xx', 'ApiId', api],
      ['AWS/ApiGateway', '5xx', 'ApiId', api],
      ['Limits/Prod', 'Requests', 'service', 'user-limits-read-api'],
      ['Limits/Prod', 'ClientErrors', 'service', 'user-limits-read-api'],
      ['Limits/Prod', 'ServerErrors', 'service', 'user-limits-read-api'],
    ]);
    for (const options of metricOptions(requests)) expect(options).toMatchObject({ stat: 'Sum', period: 300 });
  });

  test('latency: API Gateway p50 and p99, integration p99, and the function LatencyMs p99', () => {
    const latency = widget(widgets, /^Read API: latency/);
    expect(metricIds(latency).map((row) => `${row[0]} ${row[1]}`)).toEqual([
      'AWS/ApiGateway Latency',
      'AWS/ApiGateway Latency',
      'AWS/ApiGateway IntegrationLatency',
      'Limits/Prod LatencyMs',
    ]);
    expect(metricOptions(latency).map((options) => options.stat)).toEqual(['p50', 'p99', 'p99', 'p99']);
  });
});
