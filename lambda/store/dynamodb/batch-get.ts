import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapBounded } from './bounded-parallel';

/** BatchGetItem's most keys per request. */
export const BATCH_GET_MAX_KEYS = 100;
/** Rounds of UnprocessedKeys retries before a load gives up (each after a growing pause). */
const MAX_UNPROCESSED_ROUNDS = 8;

/** Thrown when DynamoDB keeps returning UnprocessedKeys (sustained throttling). */
export class UnprocessedKeysError extends Error {
  override name = 'UnprocessedKeysError';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads every key (strongly consistent: the batch must see the writes of the
 * batch acknowledged just before it) in chunks of {@link BATCH_GET_MAX_KEYS},
 * `concurrency` chunks at a time. UnprocessedKeys are asked again with
 * exponential back-off and jitter, as DynamoDB's documentation asks.
 */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: ReadonlyArray<Record<string, string>>,
  concurrency: number,
): Promise<Array<Record<string, unknown>>> => {
  const chunks: Array<Array<Record<string, string>>> = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX_KEYS) chunks.push(keys.slice(start, start + BATCH_GET_MAX_KEYS));
  const pages = await mapBounded(chunks, concurrency, async (chunk) => {
    const items: Array<Record<string, unknown>> = [];
    let pending: Array<Record<string, unknown>> = chunk;
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === MAX_UNPROCESSED_ROUNDS)
        throw new UnprocessedKeysError(`${pending.length} keys still unprocessed after ${round} rounds`);
      if (round > 0) await pause(Math.random() * 25 * 2 ** round);
      const response = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(response.Responses?.[tableName] ?? []));
      pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    return items;
  });
  return pages.flat();
};
