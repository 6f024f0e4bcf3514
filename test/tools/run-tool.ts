import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `tsx tools/<script>` like `npm run`, capturing stdout, stderr and the exit code. */
export const runTool = (script: string, args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(TSX, [join(ROOT, 'tools', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
};
