import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, parseCommandLine } from './command-line';
import { buildSampleEvents, serializeSample } from './sample-events';
import { runCli } from './usage-error';

/** Writes events/*.json; a test checks that running this changes nothing. */
export const EVENTS_DIR = join(__dirname, '..', 'events');

/** `npm run events`: no options but `--help`. */
export const EVENTS_COMMAND = defineCommand({
  script: 'events',
  synopsis: '',
  description:
    'Regenerates events/*.json, the sample Lambda Kinesis events (one per event type of the recorded\n' +
    'stream, the whole stream, poison pills); a test checks that they are up to date.',
  options: {},
});

const main = async (): Promise<void> => {
  parseCommandLine(EVENTS_COMMAND, process.argv.slice(2));
  mkdirSync(EVENTS_DIR, { recursive: true });
  for (const [name, event] of buildSampleEvents()) {
    writeFileSync(join(EVENTS_DIR, name), serializeSample(event));
    process.stdout.write(`events/${name}: ${event.Records.length} record(s)\n`);
  }
};

if (require.main === module) runCli(main);
