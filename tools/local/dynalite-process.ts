import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LocalEndpoint } from './local-table';

/**
 * An in-memory dynalite in a child process: the database's CPU work runs on
 * another core, not in the process that is being measured, as with a real
 * DynamoDB. Used by the store benchmark.
 */
export const startDynaliteProcess = (): Promise<LocalEndpoint> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'dynalite-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite process exited with code ${code} before it was ready`)));
    child.once('message', (message: { endpoint?: string; error?: string }) => {
      if (message.endpoint === undefined) {
        reject(new Error(`dynalite process: ${message.error ?? 'no endpoint'}`));
        return;
      }
      child.removeAllListeners('exit');
      resolve({
        endpoint: message.endpoint,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
