import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DevStackInfo } from '../../../tools/dev/stack';

export const ROOT = join(__dirname, '..', '..', '..');

/** `npm run dev` as one process (node + tsx, so that signals reach it directly), its output collected. */
export interface DevProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const spawnDev = (args: string[]): DevProcess => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', 'dev.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
};

/** Waits for the READY line (or the process's end) and parses it. */
export const waitForReady = async (dev: DevProcess, timeoutMs = 30_000): Promise<DevStackInfo> => {
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  void dev.exited.then(() => (finished = true));
  while (!dev.stdout().includes('\n')) {
    if (finished || Date.now() > deadline) throw new Error(`no READY line; stderr:\n${dev.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const line = dev.stdout().split('\n')[0]!;
  if (!line.startsWith('READY ')) throw new Error(`first stdout line is not READY: ${line}`);
  return JSON.parse(line.slice('READY '.length)) as DevStackInfo;
};
