import type { AddressInfo } from 'node:net';
import kinesalite from 'kinesalite';
import { KinesisToolError } from './errors';

/** A kinesalite server listening on loopback. */
export interface RunningKinesalite {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  port: number;
  /** Closes open connections, the server and its in-memory database. */
  stop(): Promise<void>;
}

export interface KinesaliteOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long a new stream stays CREATING. Default 500 ms, as kinesalite's. */
  createStreamMs?: number;
  shardLimit?: number;
}

const HOST = '127.0.0.1';

/**
 * Starts an in-memory kinesalite on 127.0.0.1. A busy `port` is a one-line
 * {@link KinesisToolError}, not a stack trace.
 */
export const startKinesalite = async (options: KinesaliteOptions = {}): Promise<RunningKinesalite> => {
  const server = kinesalite({ createStreamMs: options.createStreamMs ?? 500, shardLimit: options.shardLimit ?? 50 });
  const requestedPort = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new KinesisToolError(`port ${requestedPort} on ${HOST} is in use; choose another --port, or leave it out to pick a free one`)
          : error.code === 'EACCES'
            ? new KinesisToolError(`not allowed to listen on port ${requestedPort} on ${HOST}; choose a port above 1023`)
            : error,
      );
    });
    server.listen(requestedPort, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${HOST}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from SDK clients would hold close() open.
        server.closeAllConnections();
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
};
