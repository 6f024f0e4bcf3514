import { join } from 'node:path';

/** The recorded stream of the original system (a byte-exact copy of the shared fixture). */
export const RECORDED_STREAM_PATH = join(__dirname, 'fixtures', 'recorded-stream.json');
