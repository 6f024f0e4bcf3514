import { parseArgs } from 'node:util';
import { DevPortError } from './dev/http-server';
import { startDevStack, type DevStackInfo } from './dev/stack';
import { LocalPortError } from './local/dynalite-server';
import { KinesisToolError } from './kinesis/errors';
import { createStderrLogger } from './stderr-logger';
import { UsageError } from './usage-error';

const USAGE = 'usage: npm run dev [-- --port N]   (N: 0-65535, default 3000, 0 = any free port)';
/** Stopping every part takes well under a second; past this the process exits anyway. */
const STOP_GRACE_MS = 3_000;

const parsePort = (argv: string[]): number => {
  let port: string | undefined;
  try {
    ({ values: { port } } = parseArgs({ args: argv, options: { port: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  if (port === undefined) return 3000;
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65_535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${port}"`);
  return Number(port);
};

const instructions = (info: DevStackInfo): string =>
  [
    '',
    'The whole system runs on this machine:',
    `  limits page   ${info.pageUrl}`,
    `  read API      GET ${info.apiUrl}/user-limits/{userId}  (Authorization: Bearer <token>)`,
    `  dev tokens    curl '${info.devTokenUrl}?sub=VijPYTEOgK7dxLs5fBjJ'`,
    `  Kinesis       ${info.kinesisEndpoint}  stream ${info.streamName}`,
    `  DynamoDB      ${info.dynamodbEndpoint}  table ${info.tableName}`,
    '',
    'In another terminal, produce events:',
    `  npm run produce -- --endpoint ${info.kinesisEndpoint} --stream ${info.streamName} tools/fixtures/recorded-stream.json`,
    `then open ${info.pageUrl} and sign in as VijPYTEOgK7dxLs5fBjJ. Ctrl+C stops everything.`,
    '',
  ].join('\n');

const main = async (): Promise<void> => {
  const port = parsePort(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stack = await startDevStack({ port, logger: createStderrLogger('WARN'), log });

  let stopping = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (stopping) return; // a second Ctrl+C while stopping changes nothing: the grace timer is running
    stopping = true;
    log(`${signal}: stopping`);
    setTimeout(() => {
      log(`not stopped after ${STOP_GRACE_MS} ms; exiting anyway`);
      process.exit(0);
    }, STOP_GRACE_MS).unref();
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', shutDown);
  process.on('SIGTERM', shutDown);

  log(instructions(stack.info));
  process.stdout.write(`READY ${JSON.stringify(stack.info)}\n`);
};

main().catch((error: unknown) => {
  const oneLine = error instanceof UsageError || error instanceof DevPortError || error instanceof LocalPortError || error instanceof KinesisToolError;
  process.stderr.write(oneLine ? `error: ${(error as Error).message}\n` : `unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(oneLine && !(error instanceof KinesisToolError) ? 2 : 1);
});
