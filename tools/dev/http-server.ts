import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listenOnLoopback, LOOPBACK_HOST } from '../local/loopback-listener';
import { type HttpReply, jsonReply, sendReply } from './lambda-response';

/** Answers a request, or returns undefined to let the next route try. */
export type Route = (request: IncomingMessage, url: URL) => Promise<HttpReply | undefined>;

/** A port that is busy or not ours to take: the CLI prints this one line and exits 2. */
export class DevPortError extends Error {
  override name = 'DevPortError';
}

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const HOST = LOOPBACK_HOST;

/**
 * One HTTP server on 127.0.0.1 for the read API, the dev token endpoint and
 * the page: each request goes to the first route that answers; none → 404
 * `{"message":"Not Found"}` (API Gateway's body for a route it does not have).
 */
export const startHttpServer = async (options: {
  port: number;
  routes: Route[];
  log: (line: string) => void;
}): Promise<RunningHttpServer> => {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    const answer = async (): Promise<HttpReply> => {
      for (const route of options.routes) {
        const reply = await route(request, url);
        if (reply !== undefined) return reply;
      }
      return jsonReply(404, { message: 'Not Found' });
    };
    answer().then(
      (reply) => sendReply(response, reply),
      (error: unknown) => {
        options.log(`server: ${request.method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
        sendReply(response, jsonReply(500, { message: 'Internal Server Error' }));
      },
    );
  });
  const { port, stop } = await listenOnLoopback(
    server,
    options.port,
    (message) => new DevPortError(message),
    'choose another with --port N, or --port 0 for any free port',
  );
  return { url: `http://${HOST}:${port}`, port, stop };
};
