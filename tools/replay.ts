import { writeSync } from 'node:fs';
import { relative } from 'node:path';
import { defineCommand, integerOption, parseCommandLine } from './command-line';
import { type Input, readInputFile } from './input-files';
import { RECORDED_STREAM_PATH } from './recorded-stream';
import { formatCounts, formatLimitsTable } from './limits-table';
import { describeChaos, replayWithStore } from './replay-store';
import { createStderrLogger } from './stderr-logger';
import { createStderrMetrics } from './stderr-metrics';
import { readReplayStoreOptions, REPLAY_STORE_OPTIONS } from './store-options';
import { runCli } from './usage-error';

/** `npm run replay`: its options and `--help`. */
export const REPLAY_COMMAND = defineCommand({
  script: 'replay',
  synopsis: '[--json] [--batch-size N] [--store memory|dynamodb] [--endpoint URL] [--chaos P] [--seed N] [--max-retries N] [FILE…]',
  description:
    'Replays FILE… through the real handler into an in-memory store (or the DynamoDB store), in batches,\n' +
    'as the Lambda Kinesis event source mapping would deliver them; prints the counters and the user limits\n' +
    '(for DynamoDB: read back from the table).',
  operands: {
    name: 'FILE…',
    description:
      'default: the recorded stream (tools/fixtures/recorded-stream.json). A JSON array of domain\n' +
      'events, JSON Lines of domain events (each event keeps its exact bytes), or a Lambda Kinesis\n' +
      'event ({"Records": […]}, delivered as is).',
  },
  options: {
    json: {
      type: 'boolean',
      default: false,
      description: 'stdout: exactly one JSON document {"userLimits": […], "summary": {…}}',
    },
    'batch-size': { type: 'string', default: '100', valueName: 'N', description: 'records per invocation, 1 to 10000' },
    ...REPLAY_STORE_OPTIONS,
  },
  notes:
    'Logs and the EMF metrics blob of each invocation go to stderr (POWERTOOLS_LOG_LEVEL=DEBUG shows every record).\n' +
    'Exit code 2: a bad argument or file.\n' +
    'In a pipe, run `npm run -s replay -- --json …`: without -s, npm prints its banner on stdout.',
});

const main = async (): Promise<void> => {
  const { values, positionals } = parseCommandLine(REPLAY_COMMAND, process.argv.slice(2));
  const batchSize = integerOption('batch-size', values['batch-size'], 1, 10_000);
  const files = positionals.length > 0 ? positionals : [RECORDED_STREAM_PATH];
  const inputs: Input[] = [];
  let nextIndex = 0;
  for (const file of files) {
    const input = readInputFile(file, nextIndex);
    nextIndex += input.records.length;
    inputs.push(input);
  }
  const storeChoice = readReplayStoreOptions(values);
  const logger = createStderrLogger(values.json ? 'WARN' : 'ERROR');
  const result = await replayWithStore(inputs, { ...storeChoice, batchSize, logger, metrics: createStderrMetrics(logger) });
  if (result.chaos !== undefined) process.stderr.write(`${describeChaos(result.chaos)}\n`);
  if (values.json) {
    writeSync(1, `${JSON.stringify({ userLimits: result.userLimits, summary: result.summary })}\n`);
    return;
  }
  process.stdout.write(
    `Replayed ${files.map((file) => relative(process.cwd(), file)).join(', ')} (batch size ${batchSize}${storeChoice.store === 'dynamodb' ? `, DynamoDB store at ${result.endpoint}` : ''})\n${formatCounts(result.summary)}\n\n` +
      `${result.userLimits.length} user limits:\n${formatLimitsTable(result.userLimits)}\n`,
  );
};

runCli(main);
