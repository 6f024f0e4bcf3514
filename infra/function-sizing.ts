/**
 * Memory and timeout of the processor function. UPDATE HERE from the benchmark
 * (`npm run bench`, issue 5) when its figures change.
 *
 * Reasoning, from the figures we have: the handler processes a 10,000-record
 * batch (Kinesis' largest) in about 0.1–0.6 s on one full core of the dev
 * machine. Lambda gives a function CPU in proportion to memory (one vCPU at
 * 1,769 MB), so 512 MB is about 0.29 vCPU: roughly 0.35–2.1 s for the largest
 * batch, more with a cold start. 512 MB also leaves room for the in-memory
 * store, which grows with the number of limits a container has seen.
 */
export const PROCESSOR_MEMORY_MB = 512;

/**
 * About 30 times the slowest estimate above for a full batch, so a slow store
 * call or a cold start never times out a healthy batch, yet a hung one is cut
 * off (and retried or sent to the DLQ) within a minute rather than the 15-minute
 * maximum that would stall the shard.
 */
export const PROCESSOR_TIMEOUT_SECONDS = 60;
