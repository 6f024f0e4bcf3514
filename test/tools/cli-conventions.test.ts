import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToolAsync } from './run-tool';

/** Every CLI a person types, by npm script, and the file it runs. */
const CLIS: Array<[script: string, file: string]> = [
  ['replay', 'replay.ts'],
  ['invoke', 'invoke.ts'],
  ['events', 'generate-events.ts'],
  ['produce', 'produce.ts'],
  ['e2e', 'e2e.ts'],
  ['bench', 'bench.ts'],
  ['bench:store', 'bench-store.ts'],
  ['build', 'build.ts'],
  ['dev', 'dev.ts'],
];

describe('every CLI', () => {
  it('is listed here: each package.json script that runs tools/*.ts', () => {
    const scripts: Record<string, string> = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts;
    const running = Object.entries(scripts)
      .filter(([name, command]) => name !== 'start' && /tools\/[\w-]+\.ts/.test(command))
      .map(([name, command]) => [name, /tools\/([\w-]+\.ts)/.exec(command)![1]]);
    expect(running.sort()).toEqual([...CLIS].sort());
  });

  it.each(CLIS)('npm run %s answers --help and -h with its usage on stdout, exit 0', async (script, file) => {
    const [long, short] = await Promise.all([runToolAsync(file, ['--help']), runToolAsync(file, ['-h'])]);
    expect(long).toMatchObject({ status: 0, stderr: '' });
    expect(long.stdout.startsWith(`usage: npm run ${script}`)).toBe(true);
    expect(long.stdout).toMatch(/-h, --help/);
    expect(short).toEqual(long);
  });

  it.each(CLIS)('npm run %s refuses an unknown option with one line on stderr, exit 2', async (script, file) => {
    const run = await runToolAsync(file, ['--bogus']);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toMatch(new RegExp(`^error: unknown option '--bogus' \\(usage: npm run ${script}\\b.*; --help for details\\)\\n$`));
  });
});
