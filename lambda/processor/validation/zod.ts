import { en } from 'zod/locales';
import * as z from 'zod/mini';

/*
 * zod/mini instead of the classic `zod` API: the same validation core, but
 * tree-shakable. The classic API pulled all of zod (about 450 KB, every
 * locale) into the Lambda bundle; see README, Performance. Import zod/mini
 * as a namespace where it is used (`import * as z`): re-exporting the
 * namespace object from here would defeat tree shaking again.
 */

// zod/mini ships without messages; the rejection reasons are zod's English ones.
z.config(en());

/** A string with at least one character. */
export const nonEmptyString = z.string().check(z.minLength(1, 'must be a non-empty string'));

/**
 * The schema with zod's ahead-of-time compiled fast path: valid input is
 * checked by generated code; invalid input falls back to the ordinary parser,
 * so every rejection reason stays exactly what the schema says.
 */
export const compiled = <T extends z.ZodMiniType>(schema: T): T => z.compile(schema);
