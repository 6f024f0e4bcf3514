import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root: NodejsFunction's project root and esbuild's working directory. */
export const PROJECT_ROOT = resolve(__dirname, '..');

/** The Lambda handler module that both the stack and `npm run build` bundle. */
export const HANDLER_ENTRY = join(PROJECT_ROOT, 'lambda', 'processor', 'handler.ts');

/** The read API's handler module (`GET /user-limits/{userId}`), bundled with the same settings. */
export const READ_API_ENTRY = join(PROJECT_ROOT, 'lambda', 'read-api', 'handler.ts');

/** The exported function Lambda calls (`index.handler` in the deployed asset). */
export const HANDLER_EXPORT = 'handler';

/**
 * The single source of the esbuild settings. NodejsFunction turns these into
 * esbuild CLI flags; {@link toEsbuildBuildOptions} turns them into the same
 * settings for esbuild's API, so `dist/` holds the bundle Lambda runs.
 */
export const ESBUILD_SETTINGS = {
  /** Must match the function's runtime (nodejs22.x). */
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourceMap: true,
  // The nodejs22.x runtime ships AWS SDK v3: the DynamoDB clients come from there, not the bundle.
  externalModules: ['@aws-sdk/*'],
  // esbuild's size table and "Done" line would land in every synth and test output; warnings and errors still show.
  logLevel: 'warning',
} as const;

/** The settings as NodejsFunction bundling options (local esbuild only: Docker is not an option here). */
export const nodejsFunctionBundling = (): BundlingOptions => ({
  target: ESBUILD_SETTINGS.target,
  format: OutputFormat.CJS,
  minify: ESBUILD_SETTINGS.minify,
  sourceMap: ESBUILD_SETTINGS.sourceMap,
  externalModules: [...ESBUILD_SETTINGS.externalModules],
  logLevel: LogLevel.WARNING,
  forceDockerBundling: false,
});

/**
 * The settings as esbuild API options writing `outfile`; the flags mirror what
 * NodejsFunction passes on the command line (`--bundle --platform=node …`).
 */
export const toEsbuildBuildOptions = (outfile: string): BuildOptions => ({
  entryPoints: [HANDLER_ENTRY],
  absWorkingDir: PROJECT_ROOT,
  bundle: true,
  platform: 'node',
  target: ESBUILD_SETTINGS.target,
  format: ESBUILD_SETTINGS.format,
  minify: ESBUILD_SETTINGS.minify,
  sourcemap: ESBUILD_SETTINGS.sourceMap,
  external: [...ESBUILD_SETTINGS.externalModules],
  outfile,
  logLevel: ESBUILD_SETTINGS.logLevel,
});
