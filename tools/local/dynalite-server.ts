import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** A dynalite (DynamoDB API, in memory) server listening on loopback. */
export interface RunningDynalite {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  port: number;
  /** Closes open connections, the server and its in-memory database. */
  stop(): Promise<void>;
}

/** A port that is busy or not ours to take: one line for a person, not a stack trace. */
export class LocalPortError extends Error {
  override name = 'LocalPortError';
}

const HOST = '127.0.0.1';

/**
 * Starts an in-memory dynalite on 127.0.0.1 (`port` 0, the default, picks a
 * free one). Tables become ACTIVE at once.
 */
export const startDynalite = async (options: { port?: number } = {}): Promise<RunningDynalite> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const requestedPort = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalPortError(`port ${requestedPort} on ${HOST} is in use; choose another port, or 0 for a free one`)
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
        server.closeAllConnections();
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
};
