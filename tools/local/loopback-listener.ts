import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every local server of the tools listens here only. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A server listening on loopback: its port, and how to stop it. */
export interface LoopbackListener {
  port: number;
  /** Closes open (keep-alive) connections, then the server. */
  stop: () => Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1:`port` (0 picks a free one). A busy port or
 * one below 1024 rejects with `portError(message)`, one line a person can act
 * on; `busyHint` says what to do instead (e.g. "choose another --port").
 */
export const listenOnLoopback = async (
  server: Server,
  port: number,
  portError: (message: string) => Error,
  busyHint: string,
): Promise<LoopbackListener> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? portError(`port ${port} on ${LOOPBACK_HOST} is in use; ${busyHint}`)
          : error.code === 'EACCES'
            ? portError(`not allowed to listen on port ${port} on ${LOOPBACK_HOST}; choose a port above 1023`)
            : error,
      );
    });
    server.listen(port, LOOPBACK_HOST, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets (SDK clients, the page's polling) would hold close() open.
        server.closeAllConnections();
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
};
