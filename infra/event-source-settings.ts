/**
 * Event source mapping defaults as plain numbers, so the local tools
 * (`tools/event-source-emulator.ts`) can mirror the deployed mapping without
 * importing aws-cdk-lib. `infra/stack-props.ts` builds its defaults from these.
 */

/** Retries of a failing batch before Lambda sends its metadata to the DLQ (Lambda allows 0–10). */
export const DEFAULT_RETRY_ATTEMPTS = 10;

/** Records per invocation: ~10–60 µs a record keeps 500 well under a second at 512 MB, and ~1 MB of payload. */
export const DEFAULT_BATCH_SIZE = 500;
