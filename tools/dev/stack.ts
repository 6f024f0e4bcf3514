import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createDocumentClient } from '../../lambda/store/dynamodb/document-client';
import { createKinesisClient } from '../kinesis/client';
import { startKinesalite } from '../kinesis/kinesalite-server';
import { createStream } from '../kinesis/stream-admin';
import { startDynalite } from '../local/dynalite-server';
import { createReadApi, createStore, createTable } from './backends';
import { createDevTokenRoute, DEV_TOKEN_PATH } from './dev-token-route';
import { startHttpServer } from './http-server';
import { createJwtAuthorizer } from './jwt-authorizer';
import { startProcessor } from './processor';
import { createReadApiRoute } from './read-api-route';
import { createStaticFilesRoute } from './static-files';
import { createDevTokenIssuer } from './token-issuer';

/** What the READY line tells: everything a person or a test needs to use the stack. */
export interface DevStackInfo {
  /** Base URL of the read API: `GET {apiUrl}/user-limits/{userId}`. */
  apiUrl: string;
  pageUrl: string;
  kinesisEndpoint: string;
  streamName: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** `GET {devTokenUrl}?sub=USER[&scope=SCOPE]` → `{"token": "…"}` */
  devTokenUrl: string;
}

export interface DevStackOptions {
  /** The HTTP port for the API and the page; 0 picks a free one. */
  port: number;
  /** Shards of the stream. Default 4. */
  shards?: number;
  /** The Lambdas' logger (keep it off stdout). */
  logger: Logger;
  /** Progress lines for a person (stderr). */
  log: (line: string) => void;
}

export interface RunningDevStack {
  info: DevStackInfo;
  /** Stops every part, newest first. */
  stop(): Promise<void>;
}

export const STREAM_NAME = 'user-limit-events';
export const TABLE_NAME = 'user-limits';
export const WEB_ROOT = join(__dirname, '..', '..', 'web');

/**
 * The whole system on 127.0.0.1: kinesalite with the stream, dynalite with
 * the table, the processor Lambda following every shard into the table, and
 * one HTTP server for the read-API Lambda (behind a JWT-verifying stand-in
 * for API Gateway), the dev token endpoint and the limits page. If a part
 * fails to start, the parts already running are stopped before the error is
 * thrown.
 */
export const startDevStack = async (options: DevStackOptions): Promise<RunningDevStack> => {
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const stopPart of stops.reverse()) await stopPart();
  };
  try {
    const kinesalite = await startKinesalite({ createStreamMs: 50 });
    stops.push(() => kinesalite.stop());
    const kinesis = { client: createKinesisClient({ endpoint: kinesalite.endpoint }), endpoint: kinesalite.endpoint };
    stops.push(() => kinesis.client.destroy());
    const stream = await createStream(kinesis, STREAM_NAME, options.shards ?? 4);
    options.log(`kinesalite on ${kinesalite.endpoint}: stream ${STREAM_NAME} ACTIVE with ${stream.shards} shards`);

    const dynalite = await startDynalite();
    stops.push(() => dynalite.stop());
    const dynamodb = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: new NodeHttpHandler(),
    });
    stops.push(() => dynamodb.destroy());
    await createTable(dynamodb, TABLE_NAME);
    const documents = createDocumentClient({ tableName: TABLE_NAME, endpoint: dynalite.endpoint });
    stops.push(() => documents.destroy());
    options.log(`dynalite on ${dynalite.endpoint}: table ${TABLE_NAME} ACTIVE`);

    const processor = await startProcessor(kinesis, {
      streamName: STREAM_NAME,
      streamArn: stream.streamArn,
      store: createStore(documents, TABLE_NAME),
      logger: options.logger,
      progress: options.log,
    });
    stops.push(() => processor.stop());

    const issuer = await createDevTokenIssuer();
    const readApi = createReadApi({ client: documents, tableName: TABLE_NAME, nextTokenKey: randomBytes(32), logger: options.logger });
    const server = await startHttpServer({
      port: options.port,
      log: options.log,
      routes: [
        createReadApiRoute({ handler: readApi, authorize: createJwtAuthorizer(issuer.settings), log: options.log }),
        createDevTokenRoute(issuer),
        createStaticFilesRoute(WEB_ROOT),
      ],
    });
    stops.push(() => server.stop());
    return {
      info: {
        apiUrl: server.url,
        pageUrl: `${server.url}/`,
        kinesisEndpoint: kinesalite.endpoint,
        streamName: STREAM_NAME,
        dynamodbEndpoint: dynalite.endpoint,
        tableName: TABLE_NAME,
        devTokenUrl: `${server.url}${DEV_TOKEN_PATH}`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
