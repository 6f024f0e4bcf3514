import kinesalite from 'kinesalite';
import { listenOnLoopback, LOOPBACK_HOST } from '../local/loopback-listener';
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

/**
 * Starts an in-memory kinesalite on 127.0.0.1. A busy `port` is a one-line
 * {@link KinesisToolError}, not a stack trace.
 */
export const startKinesalite = async (options: KinesaliteOptions = {}): Promise<RunningKinesalite> => {
  const server = kinesalite({ createStreamMs: options.createStreamMs ?? 500, shardLimit: options.shardLimit ?? 50 });
  const { port, stop } = await listenOnLoopback(
    server,
    options.port ?? 0,
    (message) => new KinesisToolError(message),
    'choose another --port, or leave it out to pick a free one',
  );
  return { endpoint: `http://${LOOPBACK_HOST}:${port}`, port, stop };
};
