import { readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { isKinesisEvent } from './input-files';
import { runCli, UsageError } from './usage-error';

const USAGE = 'usage: npm run invoke -- FILE (a Lambda Kinesis event, as for sam local invoke -e FILE)';

const localContext = {
  functionName: 'user-limits-processor',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:user-limits-processor',
  memoryLimitInMB: '256',
  awsRequestId: 'local-invoke',
  logGroupName: '/aws/lambda/user-limits-processor',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/**
 * One invocation of the deployed handler module, like `sam local invoke -e FILE`:
 * the handler's response JSON on stdout; the handler's own logs go to stdout
 * in Lambda, so here they are moved to stderr.
 */
const main = async (): Promise<void> => {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const file = positionals[0]!;
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: cannot read a JSON event (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isKinesisEvent(event)) throw new UsageError(`${file}: not a Lambda Kinesis event ({"Records": [{"kinesis": …}]})`);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const { handler } = await import('../lambda/processor/handler');
  const response = await handler(event, localContext);
  writeSync(1, `${JSON.stringify(response)}\n`);
};

runCli(main);
