import { startDynalite } from './dynalite-server';

/*
 * Entry point of a dynalite in its own process (see dynalite-process.ts):
 * starts it on a free loopback port, tells the parent the endpoint, and
 * stops when the parent disconnects.
 */
void startDynalite().then(
  (dynalite) => {
    process.send?.({ endpoint: dynalite.endpoint });
    process.on('disconnect', () => {
      void dynalite.stop().finally(() => process.exit(0));
    });
  },
  (error: unknown) => {
    process.send?.({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
