import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { type Summary, summarize } from './statistics';

/*
 * How Lambda's Node.js runtime loads a handler, from its runtime interface
 * client (github.com/aws/aws-lambda-nodejs-runtime-interface-client,
 * src/UserFunction.js, v3.3.0 and main as of 2025-08): `_loadUserApp` (line
 * 202) calls `_tryRequire` (line 138), which for `index.handler` first tries
 * the extensionless file, then, when no package.json up the tree says
 * `"type": "module"` (`_hasPackageJsonTypeModule`, line 125),
 * `_tryRequireFile(lambdaStylePath, '.js')` (line 158), that is
 * `require(path)` (line 73). Only `.mjs` files or `.js` under a
 * `"type": "module"` package.json go through `await import(path)` (line 81).
 * Our asset is a CommonJS `index.js` with no package.json: `require`.
 */

/** How a handler module can be loaded: `require` is what Lambda does with ours. */
export type LoadCall = 'require' | 'import';

/** One fresh `node`: the time around the load call, measured inside the process, printed after a marker. */
const loaderScript = (bundlePath: string, how: LoadCall): string => {
  const report = "process.stdout.write('\\nLOAD_MS=' + (performance.now() - start) + '\\n')";
  return how === 'require'
    ? `const start = performance.now(); require(${JSON.stringify(bundlePath)}); ${report};`
    : `const start = performance.now(); import(${JSON.stringify(pathToFileURL(bundlePath).href)}).then(() => { ${report}; });`;
};

/** The environment of the deployed function: its NODE_OPTIONS (infra/bundled-function.ts), no loader flags of ours. */
const childEnvironment = (nodeOptions: string | undefined): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO' };
  delete env.NODE_OPTIONS;
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  return env;
};

const loadOnce = (bundlePath: string, how: LoadCall, nodeOptions: string | undefined): number => {
  const child = spawnSync(process.execPath, ['-e', loaderScript(bundlePath, how)], {
    env: childEnvironment(nodeOptions),
    encoding: 'utf8',
  });
  const marker = /LOAD_MS=([0-9.]+)/.exec(child.stdout);
  if (child.status !== 0 || marker === null) {
    throw new Error(`loading ${bundlePath} with ${how} failed (${child.status}): ${child.stderr.trim().split('\n')[0] ?? ''}`);
  }
  return Number(marker[1]);
};

/** One way of loading the bundle, as measured. */
export interface LoadMeasure {
  how: LoadCall;
  nodeOptions?: string;
}

/**
 * Cold-load cost of the bundle: for each way in `measures`, `runs` fresh
 * `node` processes, each timing its own load call from just before it to
 * just after it returns (or its promise settles), interleaved across the
 * ways so that all see the same machine. Process start-up is not included:
 * Lambda pays it whatever the bundle.
 */
export const measureLoadMs = (bundlePath: string, measures: readonly LoadMeasure[], runs: number): Summary[] => {
  const samples = measures.map(() => [] as number[]);
  for (const { how, nodeOptions } of measures) loadOnce(bundlePath, how, nodeOptions);
  for (let run = 0; run < runs; run += 1) {
    measures.forEach(({ how, nodeOptions }, at) => samples[at]!.push(loadOnce(bundlePath, how, nodeOptions)));
  }
  return samples.map(summarize);
};
