import { join } from 'node:path';
import ts from 'typescript';
import { findEventHandler } from '../../lambda/processor/pipeline/event-handlers';

const ROOT = join(__dirname, '..', '..');
const EVENTS_FILE = join(ROOT, 'lambda', 'domain', 'events.ts');
const HANDLERS_FILE = join(ROOT, 'lambda', 'processor', 'pipeline', 'event-handlers.ts');

/** A new event type of ours, added by declaration merging, for which no handler exists. */
const NEW_EVENT_TYPE = 'USER_LIMIT_PAUSED';
const WITH_NEW_EVENT_TYPE = `\nexport interface LimitEventPayloads { ${NEW_EVENT_TYPE}: { userLimitId: string } }\n`;

/**
 * Type-checks the handler map as `tsc --noEmit` would (the project's
 * tsconfig), optionally with `lambda/domain/events.ts` extended in memory.
 */
const diagnosticsOf = (eventsAddition = ''): { handlers: string[]; events: string[] } => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (config === undefined) throw new Error('tsconfig.json cannot be read');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = readFile(fileName);
    return text !== undefined && ts.sys.resolvePath(fileName) === EVENTS_FILE ? text + eventsAddition : text;
  };
  const program = ts.createProgram({ rootNames: [HANDLERS_FILE], options: config.options, host });
  const messages = (file: string) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  return { handlers: messages(HANDLERS_FILE), events: messages(EVENTS_FILE) };
};

describe('the event-type → handler map', () => {
  it('has a handler for each of our types and none for others', () => {
    for (const type of ['USER_LIMIT_CREATED', 'USER_LIMIT_PROGRESS_CHANGED', 'USER_LIMIT_RESET']) {
      expect(findEventHandler(type)).toBeInstanceOf(Function);
    }
    for (const type of ['LIMIT_USER_CREATED', 'constructor', '__proto__', 'hasOwnProperty', '', NEW_EVENT_TYPE]) {
      expect(findEventHandler(type)).toBeUndefined();
    }
  });

  it('type-checks as it stands', () => {
    expect(diagnosticsOf()).toEqual({ handlers: [], events: [] });
  });

  it(`does not compile once an event type (${NEW_EVENT_TYPE}) is added without a handler`, () => {
    const { handlers, events } = diagnosticsOf(WITH_NEW_EVENT_TYPE);
    expect(events).toEqual([]);
    expect(handlers).toEqual([expect.stringContaining(`Property '${NEW_EVENT_TYPE}' is missing`)]);
  });
});
