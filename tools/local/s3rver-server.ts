import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { LocalPortError } from './dynalite-server';
import { listenOnLoopback, LOOPBACK_HOST } from './loopback-listener';

/** An s3rver (S3 API, objects in a directory) listening on loopback. */
export interface RunningS3rver {
  /** e.g. `http://127.0.0.1:41234`; clients need `forcePathStyle: true`. */
  endpoint: string;
  port: number;
  /** Where the objects live: a fresh temporary directory unless one was given. */
  directory: string;
  /** Closes open connections and the server; removes the directory when it made it. */
  stop(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 (`port` 0, the default, picks a free one) with
 * `buckets` created. Objects are files under `directory` (a new temporary
 * one by default, removed on stop).
 */
export const startS3rver = async (options: { port?: number; buckets?: string[]; directory?: string } = {}): Promise<RunningS3rver> => {
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 's3rver-')));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: (options.buckets ?? []).map((name) => ({ name })) });
  await s3rver.configureBuckets();
  const { port, stop } = await listenOnLoopback(
    createServer(s3rver.callback()),
    options.port ?? 0,
    (message) => new LocalPortError(message),
    'choose another port, or 0 for a free one',
  );
  return {
    endpoint: `http://${LOOPBACK_HOST}:${port}`,
    port,
    directory,
    stop: async () => {
      await stop();
      if (options.directory === undefined) await rm(directory, { recursive: true, force: true });
    },
  };
};
