import { writeSync } from 'node:fs';
import { defineCommand, integerOption, parseCommandLine } from './command-line';
import { DevPortError } from './dev/http-server';
import { startDevStack, type DevStackInfo } from './dev/stack';
import { LocalPortError } from './local/dynalite-server';
import { KinesisToolError } from './kinesis/errors';
import { createStderrLogger } from './stderr-logger';
import { HelpRequested, UsageError } from './usage-error';

/** `npm run dev`: its options and `--help`. */
export const DEV_COMMAND = defineCommand({
  script: 'dev',
  synopsis: '[--port N]',
  description:
    'Runs the whole system on 127.0.0.1: kinesalite (a stream with 4 shards), dynalite (the table), the\n' +
    'processor Lambda following every shard, the read-API Lambda behind a JWT-verifying API Gateway\n' +
    'stand-in, a dev token endpoint and the limits page.',
  options: {
    port: {
      type: 'string',
      default: '3000',
      valueName: 'N',
      description: 'the port of the read API and the page, 0 to 65535; 0 = any free port',
    },
  },
  notes:
    'When everything is up, stdout gets exactly one line: READY {"apiUrl", "pageUrl", "kinesisEndpoint",\n' +
    '"streamName", "dynamodbEndpoint", "tableName", "devTokenUrl"}; instructions and progress go to stderr.\n' +
    'Ctrl+C (SIGINT) or SIGTERM stops everything, exit 0. Exit code 2: a bad argument or a busy port.',
});

/** Stopping every part takes well under a second; past this the process exits anyway. */
const STOP_GRACE_MS = 3_000;

const parsePort = (argv: string[]): number => integerOption('port', parseCommandLine(DEV_COMMAND, argv).values.port ?? '3000', 0, 65_535);

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
  if (error instanceof HelpRequested) {
    writeSync(1, error.text);
    process.exit(0);
  }
  const oneLine =
    error instanceof UsageError || error instanceof DevPortError || error instanceof LocalPortError || error instanceof KinesisToolError;
  process.stderr.write(
    oneLine ? `error: ${error.message}\n` : `unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(oneLine && !(error instanceof KinesisToolError) ? 2 : 1);
});
