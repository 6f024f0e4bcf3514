import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createKinesisClient } from '../../tools/kinesis/client';
import { KinesisToolError } from '../../tools/kinesis/errors';
import { startKinesalite } from '../../tools/kinesis/kinesalite-server';
import { produceRecords } from '../../tools/kinesis/producer';
import { createStream, waitForActive } from '../../tools/kinesis/stream-admin';

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port that nothing listens on: bound once, then released. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
};

const oneRecord = [{ partitionKey: 'user-1', data: Buffer.from('{}') }];

describe('Kinesis errors a person can act on', () => {
  it('names the endpoint when nothing listens there (connection refused)', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const client = createKinesisClient({ endpoint });
    await expect(produceRecords({ client, endpoint }, oneRecord, { streamName: 'events' })).rejects.toThrow(
      new KinesisToolError(`Kinesis endpoint ${endpoint} does not answer (connection refused); is it running, and is --endpoint right?`),
    );
    client.destroy();
  });

  it('names the endpoint when it accepts connections but never answers (timeout)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    const endpoint = `http://127.0.0.1:${await listen(silent)}`;
    const client = createKinesisClient({ endpoint, requestTimeoutMs: 300 });
    try {
      await expect(produceRecords({ client, endpoint }, oneRecord, { streamName: 'events' })).rejects.toThrow(
        `Kinesis endpoint ${endpoint} does not answer (timed out)`,
      );
    } finally {
      client.destroy();
      sockets.forEach((socket) => socket.destroy());
      await close(silent);
    }
  });

  it('says which port is busy when kinesalite cannot listen', async () => {
    const squatter = createServer();
    const port = await listen(squatter);
    try {
      await expect(startKinesalite({ port })).rejects.toThrow(
        new KinesisToolError(`port ${port} on 127.0.0.1 is in use; choose another --port, or leave it out to pick a free one`),
      );
    } finally {
      await close(squatter);
    }
  });

  it('gives up on a stream that is not ACTIVE in time, saying its status', async () => {
    const kinesalite = await startKinesalite({ createStreamMs: 1_000 });
    const client = createKinesisClient({ endpoint: kinesalite.endpoint });
    const connection = { client, endpoint: kinesalite.endpoint };
    try {
      await expect(createStream(connection, 'slow-stream', 1, { timeoutMs: 200, pollMs: 50 })).rejects.toThrow(
        `stream slow-stream is not ACTIVE after 200 ms (status CREATING) at ${kinesalite.endpoint}`,
      );
      // The same stream, given time, does become ACTIVE: the timeout was the only reason.
      await expect(waitForActive(connection, 'slow-stream', { timeoutMs: 5_000, pollMs: 50 })).resolves.toMatchObject({ shards: 1 });
    } finally {
      client.destroy();
      await kinesalite.stop();
    }
  });

  it('reports a stream that does not exist as one line from the API', async () => {
    const kinesalite = await startKinesalite();
    const client = createKinesisClient({ endpoint: kinesalite.endpoint });
    try {
      await expect(produceRecords({ client, endpoint: kinesalite.endpoint }, oneRecord, { streamName: 'nosuch' })).rejects.toThrow(
        /^PutRecords failed at http:\/\/127\.0\.0\.1:\d+: ResourceNotFoundException: Stream nosuch under account \d+ not found\.$/,
      );
    } finally {
      client.destroy();
      await kinesalite.stop();
    }
  });
});
