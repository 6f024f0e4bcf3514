import { collectGarbage, serveParent } from './child-process';
import { createVariant, type VariantConfig, type VariantName } from './variants';

/*
 * One variant's process (started by measure.ts): builds its workload and
 * code once, then for each `{ round }` request prepares a run (untimed),
 * collects garbage, times the run and answers with its milliseconds.
 */
serveParent(
  async (argument) => {
    const { name, config } = argument as { name: VariantName; config: VariantConfig };
    return createVariant(name, config);
  },
  async (variant) => {
    const run = await variant.prepare();
    collectGarbage();
    const start = performance.now();
    await run();
    return performance.now() - start;
  },
);
