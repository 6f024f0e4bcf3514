import dynalite from 'dynalite';
import { listenOnLoopback, LOOPBACK_HOST } from './loopback-listener';

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

/**
 * Starts an in-memory dynalite on 127.0.0.1 (`port` 0, the default, picks a
 * free one). Tables become ACTIVE at once.
 */
export const startDynalite = async (options: { port?: number } = {}): Promise<RunningDynalite> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const { port, stop } = await listenOnLoopback(
    server,
    options.port ?? 0,
    (message) => new LocalPortError(message),
    'choose another port, or 0 for a free one',
  );
  return { endpoint: `http://${LOOPBACK_HOST}:${port}`, port, stop };
};
