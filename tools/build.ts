import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT, toEsbuildBuildOptions } from '../infra/bundling';
import { defineCommand, parseCommandLine } from './command-line';
import { runCli } from './usage-error';

/** Where `npm run build` writes the Lambda bundle (its source map goes next to it). */
export const DIST_BUNDLE = join(PROJECT_ROOT, 'dist', 'handler.js');

/**
 * Bundles lambda/processor/handler.ts exactly as the stack does (same esbuild settings,
 * from infra/bundling.ts) into `outfile`; returns the bundle's size in bytes.
 */
export const buildBundle = async (outfile: string = DIST_BUNDLE): Promise<number> => {
  await build(toEsbuildBuildOptions(outfile));
  return statSync(outfile).size;
};

/** `npm run build`: no options but `--help`. */
export const BUILD_COMMAND = defineCommand({
  script: 'build',
  synopsis: '',
  description: 'Bundles the handler as the stack does (infra/bundling.ts) into dist/handler.js and prints its size.',
  options: {},
});

/** `npm run build`: dist/handler.js for local use and the benchmark; prints its size. */
const main = async (): Promise<void> => {
  parseCommandLine(BUILD_COMMAND, process.argv.slice(2));
  const bytes = await buildBundle();
  const where = relative(PROJECT_ROOT, DIST_BUNDLE);
  process.stdout.write(`${where}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB), source map ${where}.map\n`);
};

if (require.main === module) runCli(main);
