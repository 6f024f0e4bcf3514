import { fork } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a bench child answers: a figure, or why it could not measure it. */
export type ChildAnswer = { ready: true } | { value: number } | { error: string };

/** A bench child process: one request at a time, one answer each. */
export interface BenchChild {
  /** Sends `message` and resolves with the child's answer's value; rejects with its error and log tail. */
  request(message: object): Promise<number>;
  /** Resolves once the child has built its workload and loaded its code. */
  ready: Promise<void>;
  /** Ends the child (it exits when its IPC channel closes). */
  close(): void;
}

const logTail = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
};

/**
 * Forks `script` (TypeScript, through the tsx loader this process runs with)
 * in a fresh V8 heap with `--expose-gc`. Its stdout and stderr are one log
 * file in `logDirectory`: a real file descriptor, so every log line the
 * handler writes costs a write system call, as in Lambda, without reaching
 * the benchmark's own output.
 */
export const startChild = (script: string, name: string, argument: object, logDirectory: string): BenchChild => {
  const logPath = join(logDirectory, `${name}.log`);
  const log = openSync(logPath, 'w');
  const child = fork(script, [JSON.stringify(argument)], {
    execArgv: [...new Set([...process.execArgv, '--expose-gc'])],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO' },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  let waiting: { resolve: (answer: ChildAnswer) => void; reject: (error: Error) => void } | undefined;
  const failure = (reason: string) => new Error(`bench child ${name}: ${reason}${logTail(logPath) ? `\n${logTail(logPath)}` : ''}`);
  child.on('message', (answer: ChildAnswer) => {
    const current = waiting;
    waiting = undefined;
    current?.resolve(answer);
  });
  child.on('exit', (code, signal) => {
    const current = waiting;
    waiting = undefined;
    current?.reject(failure(`exited (${signal ?? code}) before answering`));
  });
  const next = (): Promise<number> =>
    new Promise<ChildAnswer>((resolve, reject) => {
      waiting = { resolve, reject };
    }).then((answer) => {
      if ('error' in answer) throw failure(answer.error);
      return 'value' in answer ? answer.value : 0;
    });
  const ready = next().then(() => undefined);
  return {
    ready,
    request: async (message) => {
      await ready;
      const answer = next();
      child.send(message);
      return answer;
    },
    close: () => {
      if (child.connected) child.disconnect();
    },
  };
};

/** The child side: answers each request with `answer(message)`, errors included; ready once `setup` resolves. */
export const serveParent = <S>(setup: (argument: unknown) => Promise<S>, answer: (state: S, message: unknown) => Promise<number>): void => {
  const send = (message: ChildAnswer) => process.send!(message);
  const errorText = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on('disconnect', () => process.exit(0));
  setup(JSON.parse(process.argv[2] ?? 'null'))
    .then((state) => {
      process.on('message', (message) => {
        answer(state, message).then(
          (value) => send({ value }),
          (error: unknown) => send({ error: errorText(error) }),
        );
      });
      send({ ready: true });
    })
    .catch((error: unknown) => send({ error: errorText(error) }));
};

/** A full collection, twice: weak and finalized objects go on the second pass. */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('bench children need node --expose-gc');
  gc();
  gc();
};
