import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error';

/**
 * Where `npm run build` (tools/build.ts) writes the production bundle. Not
 * imported from tools/build.ts: that would load aws-cdk-lib into the
 * measured process.
 */
export const DIST_BUNDLE = resolve(__dirname, '../../dist/handler.js');

/** The bundle to measure: `--bundle FILE`, else dist/handler.js (`npm run bench` builds it first). */
export const productionBundle = (explicitPath?: string): string => {
  const path = resolve(explicitPath ?? DIST_BUNDLE);
  if (!existsSync(path)) {
    throw new UsageError(`${path}: no bundle there${explicitPath === undefined ? ' (run `npm run build` first)' : ''}`);
  }
  return path;
};
