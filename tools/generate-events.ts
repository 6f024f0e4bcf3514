import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSampleEvents, serializeSample } from './sample-events';

/** Writes events/*.json; a test checks that running this changes nothing. */
export const EVENTS_DIR = join(__dirname, '..', 'events');

if (require.main === module) {
  mkdirSync(EVENTS_DIR, { recursive: true });
  for (const [name, event] of buildSampleEvents()) {
    writeFileSync(join(EVENTS_DIR, name), serializeSample(event));
    process.stdout.write(`events/${name}: ${event.Records.length} record(s)\n`);
  }
}
