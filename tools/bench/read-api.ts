import { writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../infra/bundling';
import { NEXT_TOKEN_SECRET_VARIABLE } from '../../lambda/read-api/next-token-key';
import { TABLE_NAME_ENV } from '../../lambda/store/dynamodb/table-design';
import { runCli, UsageError } from '../usage-error';
import { measureImportMs } from './import-time';
import { buildReadApiBundle, lambdaSources } from './read-api-bundle';
import { measureRequests } from './read-api-requests';
import { round } from './statistics';

const USAGE = 'usage: npm run bench:read-api -- [--json] [--requests N] [--warmup N] [--limits N] [--import-runs N]';
const DEFAULTS = { requests: 2000, warmup: 200, limits: 10, 'import-runs': 21 };
/** One page holds 50 limits by default; the figure is for one request. */
const MAX_LIMITS = 50;

const integerOption = (
  name: keyof typeof DEFAULTS,
  text: string | undefined,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number => {
  if (text === undefined) return DEFAULTS[name];
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= minimum && value <= maximum)) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new UsageError(`--${name} must be an integer ${range}, got "${text}"`);
  }
  return value;
};

const readOptions = () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        requests: { type: 'string' },
        warmup: { type: 'string' },
        limits: { type: 'string' },
        'import-runs': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  return {
    json: values.json === true,
    requests: integerOption('requests', values.requests, 1),
    warmup: integerOption('warmup', values.warmup, 0),
    limits: integerOption('limits', values.limits, 1, MAX_LIMITS),
    importRuns: integerOption('import-runs', values['import-runs'], 1),
  };
};

const progress = (message: string): void => {
  process.stderr.write(`bench:read-api: ${message}\n`);
};

/** `npm run bench:read-api`: time per request, read units, bundle size and cold import of the read API. */
const main = async (): Promise<void> => {
  const options = readOptions();
  progress('bundling lambda/read-api/handler.ts with the stack’s esbuild settings');
  const withSdkBundled = await buildReadApiBundle(`${PROJECT_ROOT}/dist/read-api-with-sdk/handler.js`, true);
  const bundle = await buildReadApiBundle();
  const processorSources = lambdaSources(bundle).filter((input) => input.startsWith('lambda/processor/'));
  if (processorSources.length > 0) throw new Error(`the read API bundle pulls in the Kinesis pipeline: ${processorSources.join(', ')}`);

  // The handler's cold start reads these; no request is made while importing.
  process.env[TABLE_NAME_ENV] = 'user-limits-bench';
  // The raw key, as a local run has it: importing must not call Secrets Manager (the deployed
  // function reads NEXT_TOKEN_SECRET_ARN's secret on its first request, not while importing).
  process.env[NEXT_TOKEN_SECRET_VARIABLE] = Buffer.alloc(32, 0x42).toString('hex');
  process.env.AWS_REGION ??= 'eu-west-1';
  progress(`timing ${options.importRuns} cold imports of ${relative(PROJECT_ROOT, bundle.path)} and of the SDK-inlined bundle`);
  const importMs = measureImportMs(bundle.path, options.importRuns);
  const importMsWithSdk = measureImportMs(withSdkBundled.path, options.importRuns);

  progress(`timing ${options.warmup} + ${options.requests} requests for a user with ${options.limits} limits (dynalite)`);
  const requests = await measureRequests({ limitsPerUser: options.limits, warmup: options.warmup, requests: options.requests });

  const document = {
    limitsPerUser: options.limits,
    requests: options.requests,
    warmup: options.warmup,
    medianMs: round(requests.medianMs, 3),
    p99Ms: round(requests.p99Ms, 3),
    handlerOnlyMedianUs: round(requests.handlerOnlyMedianUs, 1),
    readUnitsPerRequest: requests.readUnitsPerRequest,
    readUnitsPerMillionRequests: requests.readUnitsPerRequest * 1_000_000,
    consistency: 'eventual',
    bundleBytes: bundle.bytes,
    bundleBytesWithSdk: withSdkBundled.bytes,
    importMs: round(importMs, 1),
    importMsWithSdk: round(importMsWithSdk, 1),
    importRuns: options.importRuns,
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
  };
  const table = [
    `read API, user with ${document.limitsPerUser} limits, ${document.requests} requests after ${document.warmup} warm-up (dynalite, in process)`,
    `  time per request      median ${document.medianMs} ms, p99 ${document.p99Ms} ms`,
    `  function's own work   median ${document.handlerOnlyMedianUs} µs per request (table answered from memory)`,
    `  read units            ${document.readUnitsPerRequest} per request (eventually consistent Query) = ${document.readUnitsPerMillionRequests} per million requests`,
    `  bundle                ${document.bundleBytes} bytes (@aws-sdk external, as deployed); ${document.bundleBytesWithSdk} bytes with the SDK inlined`,
    `  cold import           ${document.importMs} ms (median of ${document.importRuns}, minus a bare node); ${document.importMsWithSdk} ms with the SDK inlined`,
    `  ${document.node}, ${document.cpu}, ${document.date}`,
    '',
  ].join('\n');
  writeSync(1, options.json ? `${JSON.stringify(document, null, 2)}\n` : table);
};

runCli(main);
