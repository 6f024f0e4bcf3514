import { writeSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type Input, readInputFile } from './input-files';
import { RECORDED_STREAM_PATH } from './recorded-stream';
import { formatCounts, formatLimitsTable } from './limits-table';
import { replayInputs } from './replay-inputs';
import { createStderrLogger } from './stderr-logger';
import { runCli, UsageError } from './usage-error';

const USAGE = 'usage: npm run replay -- [--json] [--batch-size N] [FILE…]';

const parseOptions = (argv: string[]) => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, 'batch-size': { type: 'string', default: '100' } },
    });
    const batchSize = Number(values['batch-size']);
    if (!/^[0-9]+$/.test(values['batch-size']) || batchSize < 1 || batchSize > 10_000) {
      throw new UsageError(`--batch-size must be an integer from 1 to 10000, got "${values['batch-size']}"`);
    }
    return { json: values.json, batchSize, files: positionals.length > 0 ? positionals : [RECORDED_STREAM_PATH] };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
};

const main = async (): Promise<void> => {
  const { json, batchSize, files } = parseOptions(process.argv.slice(2));
  const inputs: Input[] = [];
  let nextIndex = 0;
  for (const file of files) {
    const input = readInputFile(file, nextIndex);
    nextIndex += input.records.length;
    inputs.push(input);
  }
  const result = await replayInputs(inputs, { batchSize, logger: createStderrLogger(json ? 'WARN' : 'ERROR') });
  if (json) {
    writeSync(1, `${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    `Replayed ${files.map((file) => relative(process.cwd(), file)).join(', ')} (batch size ${batchSize})\n${formatCounts(result.summary)}\n\n` +
      `${result.userLimits.length} user limits:\n${formatLimitsTable(result.userLimits)}\n`,
  );
};

runCli(main);
