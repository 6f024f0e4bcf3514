import { Writable } from 'node:stream';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createMetricsTo } from '../../tools/stderr-metrics';

/** An EMF blob as CloudWatch reads it: the `_aws` metadata, then dimension and metric values at the top level. */
export interface EmfBlob {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }>;
  };
  [key: string]: unknown;
}

/** The lines of `text` that are EMF blobs (JSON objects with `_aws`), parsed. */
export const emfBlobsIn = (text: string): EmfBlob[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry): entry is EmfBlob => typeof entry._aws === 'object' && entry._aws !== null);

/** Production metrics whose blobs are kept in memory, parsed (Powertools' warnings go to `logger`). */
export const captureMetrics = (logger: Logger, serviceName?: string): { metrics: Metrics; blobs: EmfBlob[]; lines: string[] } => {
  const lines: string[] = [];
  const blobs: EmfBlob[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(line);
        blobs.push(...emfBlobsIn(line));
      }
      done();
    },
  });
  return { metrics: createMetricsTo(sink, logger, serviceName), blobs, lines };
};

/** The blob's one metric directive: namespace, dimension sets, and name → unit in order. */
export const directiveOf = (blob: EmfBlob) => {
  expect(blob._aws.CloudWatchMetrics).toHaveLength(1);
  const [directive] = blob._aws.CloudWatchMetrics;
  return {
    namespace: directive!.Namespace,
    dimensions: directive!.Dimensions,
    units: Object.fromEntries(directive!.Metrics.map(({ Name, Unit }) => [Name, Unit])),
  };
};

/** The blob's top-level values of its declared metrics, name → value. */
export const metricValuesOf = (blob: EmfBlob): Record<string, unknown> =>
  Object.fromEntries(blob._aws.CloudWatchMetrics[0]!.Metrics.map(({ Name }) => [Name, blob[Name]]));
