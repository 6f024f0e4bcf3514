/**
 * Memory and timeout of the processor function. UPDATE HERE from the benchmarks
 * (`npm run bench`, `npm run bench:store`) when their figures change.
 *
 * Reasoning, from the benchmark figures (README, Performance; 2026-11-26):
 * the in-memory handler processes a 10,000-record batch (Kinesis' largest) in
 * 24–38 ms on one core of the dev machine (medians 27–31 ms), about 3 µs a
 * record. Lambda gives a function CPU in proportion to memory (one vCPU at
 * 1,769 MB), so 512 MB is about 0.29 vCPU: roughly 0.1–0.15 s for the largest
 * batch and ~10 ms for the default batch of 500, more with a cold start. The
 * in-memory store takes ~520 bytes a limit (bytesPerLimit), so 512 MB keeps
 * several hundred thousand limits beside the runtime's ~100 MB.
 */
export const PROCESSOR_MEMORY_MB = 512;

/**
 * With the DynamoDB store a batch waits on the table: 0.95 s for 10,000
 * records at 5 ms a request (`bench:store`). 60 s is some 60 times that and
 * hundreds of times the in-memory figure above, so a slow store call or a cold
 * start never times out a healthy batch, yet a hung one is cut off (and
 * retried or sent to the DLQ) within a minute rather than the 15-minute
 * maximum that would stall the shard.
 */
export const PROCESSOR_TIMEOUT_SECONDS = 60;

/**
 * The read API function: one Query of at most 100 small items per request,
 * waiting on DynamoDB rather than computing, so the smallest size that keeps
 * a cold start (runtime, SDK client) short is enough. Not measured against a
 * deployed API yet: revisit with its Duration metrics.
 */
export const READ_API_MEMORY_MB = 256;

/**
 * Below API Gateway's 30 s integration timeout, so a hung call ends in the
 * function (logged, counted in its Errors metric) and the client gets a 5xx,
 * well before the gateway gives up on it.
 */
export const READ_API_TIMEOUT_SECONDS = 10;
