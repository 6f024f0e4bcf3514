import { readFileSync, writeSync } from 'node:fs';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { PROCESSOR_MEMORY_MB, PROCESSOR_TIMEOUT_SECONDS } from '../infra/function-sizing';
import { defineCommand, parseCommandLine, usageLine } from './command-line';
import { kinesisEventShapeProblem, parseJsonOrRefuse } from './input-files';
import { runCli, UsageError } from './usage-error';

/** `npm run invoke`: its options and `--help`. */
export const INVOKE_COMMAND = defineCommand({
  script: 'invoke',
  synopsis: 'FILE',
  description:
    'One invocation of the deployed handler module with the JSON in FILE, like `sam local invoke -e FILE`.\n' +
    'stdout: the handler response JSON only; the handler logs and its EMF metrics blob (stdout in Lambda) go to stderr.',
  operands: {
    name: 'FILE',
    description:
      'any JSON, handed to the handler as is; a shape Lambda never sends (no "Records" list,\n' +
      'a record that is not a Kinesis record) gets a one-line warning on stderr first.',
  },
  options: {},
  notes:
    "Exit code 2: FILE missing or not JSON. If the handler throws, stdout is Lambda's error document\n" +
    '{"errorType", "errorMessage"} and the exit code 1. In a pipe, run `npm run -s invoke -- FILE`.',
});

const localContext = {
  functionName: 'user-limits-processor',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:user-limits-processor',
  // What the deployed function has (infra/function-sizing.ts); the handler reads the remaining time for its deadline.
  memoryLimitInMB: String(PROCESSOR_MEMORY_MB),
  awsRequestId: 'local-invoke',
  logGroupName: '/aws/lambda/user-limits-processor',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => PROCESSOR_TIMEOUT_SECONDS * 1000,
} as unknown as Context;

const readJson = (file: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseJsonOrRefuse(text, file);
};

/**
 * One invocation of the deployed handler module, like `sam local invoke -e FILE`:
 * any JSON reaches the handler, so a person sees the handler's own answer to
 * a malformed event. The handler's response JSON on stdout; the handler's own
 * logs go to stdout in Lambda, so here they are moved to stderr.
 */
const main = async (): Promise<void> => {
  const { positionals } = parseCommandLine(INVOKE_COMMAND, process.argv.slice(2));
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE, got ${positionals.length} (${usageLine(INVOKE_COMMAND)})`);
  const file = positionals[0]!;
  const event = readJson(file);
  const problem = kinesisEventShapeProblem(event);
  if (problem !== undefined) process.stderr.write(`warning: ${file}: ${problem}; Lambda never sends this, the handler gets it as is\n`);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const { handler } = await import('../lambda/processor/handler');
  let response: unknown;
  try {
    response = await handler(event as KinesisStreamEvent, localContext);
  } catch (error) {
    // What Lambda returns for an unhandled error; the exit code tells a script it was one.
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    writeSync(1, `${JSON.stringify({ errorType: name, errorMessage: message })}\n`);
    process.stderr.write(`error: the handler threw ${name}: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
    return;
  }
  writeSync(1, `${JSON.stringify(response ?? null)}\n`); // Lambda answers null for undefined
};

runCli(main);
