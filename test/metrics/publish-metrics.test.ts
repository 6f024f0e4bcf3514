import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';
import { publishMetrics } from '../../lambda/metrics';
import { captureMetrics, metricValuesOf } from '../support/emf';
import { captureLogs } from '../support/log-capture';

describe('publishMetrics', () => {
  test('a metric Powertools refuses (an unknown unit) never throws: a WARN line, no blob, nothing left for the next invocation', () => {
    const logs = captureLogs('INFO');
    const { metrics, blobs } = captureMetrics(logs.logger);
    expect(() =>
      publishMetrics(
        metrics,
        [
          ['Records', MetricUnit.Count, 3],
          ['BatchAgeMs', 'Parsecs' as Unit, 1],
        ],
        logs.logger,
      ),
    ).not.toThrow();
    expect(blobs).toEqual([]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Metrics not published',
        error: expect.stringMatching(/^RangeError: Invalid metric unit 'Parsecs'/),
      }),
    ]);

    publishMetrics(metrics, [['Records', MetricUnit.Count, 1]], logs.logger);
    expect(blobs.map(metricValuesOf)).toEqual([{ Records: 1 }]);
  });
});
