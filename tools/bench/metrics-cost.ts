import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from './child-process';
import { type Summary, summarize } from './statistics';

/**
 * What the EMF metrics add to one invocation of a `records`-record batch
 * (metrics-child.ts, a fresh process): median and range over `samples`
 * answers, each the mean of many repetitions, in ms.
 */
export const measureMetricsMs = async (records: number, users: number, samples: number): Promise<Summary> => {
  const logDirectory = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const child = startChild(join(__dirname, 'metrics-child.ts'), 'metrics', { records, users }, logDirectory);
  try {
    const values: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) values.push(await child.request({}));
    return summarize(values);
  } finally {
    child.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }
};
