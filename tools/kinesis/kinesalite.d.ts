// kinesalite ships no types; this is the part of its API the tools use.
declare module 'kinesalite' {
  import type { Server } from 'node:http';

  interface KinesaliteOptions {
    /** How long a new stream stays CREATING before it becomes ACTIVE. Default 500. */
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    /** Most shards the server allows in all. Default 10. */
    shardLimit?: number;
    /** A LevelDB directory; in memory when absent. */
    path?: string;
    ssl?: boolean;
  }

  function kinesalite(options?: KinesaliteOptions): Server;
  export = kinesalite;
}
