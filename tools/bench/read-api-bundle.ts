import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT, toEsbuildBuildOptions } from '../../infra/bundling';

/** The read API's Lambda entry point. */
export const READ_API_ENTRY = join(PROJECT_ROOT, 'lambda', 'read-api', 'handler.ts');

/**
 * Where the bench writes the read API bundle: inside the project, so that a
 * fresh `node` resolves the external `@aws-sdk/*` packages from node_modules
 * as Lambda resolves them from its runtime.
 */
export const READ_API_BUNDLE = join(PROJECT_ROOT, 'dist', 'read-api', 'handler.js');

export interface ReadApiBundle {
  path: string;
  bytes: number;
  /** Source files in the bundle, relative to the project root. */
  inputs: string[];
}

/**
 * Bundles lambda/read-api/handler.ts with the stack's esbuild settings
 * (infra/bundling.ts: minified, node22, cjs, `@aws-sdk/*` external);
 * `bundleSdk` also inlines the SDK, for the size a pinned SDK would cost.
 */
export const buildReadApiBundle = async (outfile: string = READ_API_BUNDLE, bundleSdk = false): Promise<ReadApiBundle> => {
  mkdirSync(dirname(outfile), { recursive: true });
  const options = toEsbuildBuildOptions(outfile);
  const result = await build({
    ...options,
    entryPoints: [READ_API_ENTRY],
    external: bundleSdk ? [] : options.external,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => relative(PROJECT_ROOT, join(PROJECT_ROOT, input)).split(sep).join('/'));
  return { path: outfile, bytes: statSync(outfile).size, inputs };
};

/** The bundle's own sources under lambda/ (for the rule: the read API never pulls in the Kinesis pipeline). */
export const lambdaSources = (bundle: ReadApiBundle): string[] => bundle.inputs.filter((input) => input.startsWith('lambda/'));
