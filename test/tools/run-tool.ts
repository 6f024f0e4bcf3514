import { execFile, spawnSync } from 'node:child_process';
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

/** {@link runTool} without blocking, so that several runs can overlap. */
export const runToolAsync = (script: string, args: string[]) =>
  new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
    execFile(TSX, [join(ROOT, 'tools', script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, status: error === null ? 0 : typeof error.code === 'number' ? error.code : null });
    });
  });

/** Runs a shell command line from the repository root, as a person would type it. */
export const runShell = (commandLine: string, timeoutMs = 120_000) => {
  const result = spawnSync('bash', ['-c', commandLine], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
};
