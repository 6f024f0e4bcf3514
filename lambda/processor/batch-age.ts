/** `kinesis.approximateArrivalTimestamp` (epoch seconds, as Lambda sends it), when it is a finite number. */
const arrivalSecondsOf = (record: unknown): number | undefined => {
  try {
    const seconds = (record as { kinesis?: { approximateArrivalTimestamp?: unknown } } | null | undefined)?.kinesis
      ?.approximateArrivalTimestamp;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
  } catch {
    return undefined; // a getter that throws: an event Lambda never sends must not fail the batch
  }
};

/**
 * How far behind the stream the batch is when it reaches the handler: `nowMs`
 * minus the oldest `approximateArrivalTimestamp` in `records`, in whole
 * milliseconds, never below 0 (Kinesis's and Lambda's clocks may differ a
 * little). Undefined when no record carries one (an empty batch). One pass
 * over a number field, once per batch.
 */
export const batchAgeMs = (records: readonly unknown[], nowMs: number): number | undefined => {
  let oldestSeconds = Infinity;
  for (const record of records) {
    const seconds = arrivalSecondsOf(record);
    if (seconds !== undefined && seconds < oldestSeconds) oldestSeconds = seconds;
  }
  return oldestSeconds === Infinity ? undefined : Math.max(0, Math.round(nowMs - oldestSeconds * 1000));
};
