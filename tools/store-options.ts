import type { E2eStoreKind } from './kinesis/e2e-store';
import { UsageError } from './usage-error';

/*
 * The store-related options of `npm run replay` and `npm run e2e`, as
 * parseArgs descriptors with a line for `--help` each, and their checks.
 * Kept here so that the CLIs only spread them in and call one reader.
 */

const STORES: readonly E2eStoreKind[] = ['memory', 'dynamodb'];

const storeOption = {
  type: 'string',
  default: 'memory',
  valueName: 'memory|dynamodb',
  description: 'the in-memory store, or the DynamoDB store (an embedded dynalite unless --endpoint)',
} as const;

/** `npm run replay`'s store options. */
export const REPLAY_STORE_OPTIONS = {
  store: storeOption,
  endpoint: {
    type: 'string',
    valueName: 'URL',
    description: 'a DynamoDB-compatible endpoint for --store dynamodb; the table is created when missing',
  },
  chaos: {
    type: 'string',
    default: '0',
    valueName: 'P',
    description:
      'with --store dynamodb: fail this share of DynamoDB requests, 0 <= P < 1\n(throttling, 500, timeout, or a write applied whose response is lost)',
  },
  seed: { type: 'string', default: '1', valueName: 'N', description: 'seed of the --chaos fault sequence: the same seed, the same faults' },
  'max-retries': {
    type: 'string',
    default: '3',
    valueName: 'N',
    description: 'retries of a failing batch before its rest counts as failed, 0 to 1000',
  },
} as const;

/** `npm run e2e`'s store options. */
export const E2E_STORE_OPTIONS = {
  store: storeOption,
  parallelization: {
    type: 'string',
    default: '1',
    valueName: 'N',
    description: 'concurrent batchers per shard, 1 to 10 (ParallelizationFactor: one partition key on one batcher)',
  },
} as const;

/** What the replay's store options ask for. */
export interface ReplayStoreChoice {
  store: E2eStoreKind;
  endpoint?: string;
  chaos?: { probability: number; seed: number };
  maxRetries: number;
}

const integer = (name: string, text: string, min: number, max: number): number => {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
};

const storeKind = (text: string): E2eStoreKind => {
  if (!(STORES as readonly string[]).includes(text)) throw new UsageError(`--store must be one of ${STORES.join(', ')}, got "${text}"`);
  return text as E2eStoreKind;
};

const probability = (text: string): number => {
  const value = Number(text);
  if (!/^(0(\.[0-9]+)?|\.[0-9]+)$/.test(text) || !(value >= 0 && value < 1))
    throw new UsageError(`--chaos must be a number from 0 to below 1, got "${text}"`);
  return value;
};

const endpointUrl = (text: string): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:8000, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http(s) URL, got "${text}"`);
  return text;
};

/** Checks the replay's store options; DynamoDB-only options without `--store dynamodb` are an error, not ignored. */
export const readReplayStoreOptions = (values: {
  store: string;
  endpoint?: string;
  chaos: string;
  seed: string;
  'max-retries': string;
}): ReplayStoreChoice => {
  const store = storeKind(values.store);
  const chaosProbability = probability(values.chaos);
  const seed = integer('seed', values.seed, 0, 2 ** 31 - 1);
  const maxRetries = integer('max-retries', values['max-retries'], 0, 1_000);
  if (store !== 'dynamodb' && (values.endpoint !== undefined || chaosProbability > 0)) {
    throw new UsageError(`${values.endpoint !== undefined ? '--endpoint' : '--chaos'} needs --store dynamodb`);
  }
  return {
    store,
    endpoint: values.endpoint === undefined ? undefined : endpointUrl(values.endpoint),
    chaos: chaosProbability > 0 ? { probability: chaosProbability, seed } : undefined,
    maxRetries,
  };
};

/** Checks the e2e's store options. */
export const readE2eStoreOptions = (values: {
  store: string;
  parallelization: string;
}): { store: E2eStoreKind; parallelization: number } => ({
  store: storeKind(values.store),
  parallelization: integer('parallelization', values.parallelization, 1, 10),
});
