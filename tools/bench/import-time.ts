import { spawnSync } from 'node:child_process';
import { median } from './statistics';

/** The environment of a deployed function, without this process's loader flags. */
const childEnvironment = (extraNodeOptions?: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO' };
  delete env.NODE_OPTIONS;
  if (extraNodeOptions !== undefined) env.NODE_OPTIONS = extraNodeOptions;
  return env;
};

const wallMs = (script: string, env: NodeJS.ProcessEnv): number => {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['-e', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (child.status !== 0) {
    const firstLine = child.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    throw new Error(`node -e ${JSON.stringify(script)} exited with ${child.status}: ${firstLine}`);
  }
  return elapsed;
};

/**
 * Cold-start cost of the bundle: median wall time of a new `node` that
 * requires it minus that of a bare `node`, runs interleaved so that both
 * see the same machine. `nodeOptions` adds flags as Lambda's NODE_OPTIONS would.
 */
export const measureImportMs = (bundlePath: string, runs: number, nodeOptions?: string): number => {
  const env = childEnvironment(nodeOptions);
  const load = `require(${JSON.stringify(bundlePath)})`;
  wallMs('0', env);
  wallMs(load, env);
  const bare: number[] = [];
  const loaded: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    bare.push(wallMs('0', env));
    loaded.push(wallMs(load, env));
  }
  return median(loaded) - median(bare);
};
