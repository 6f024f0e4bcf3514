/** The result of checking untrusted input: the typed value, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = <T = never>(reason: string): Checked<T> => ({ ok: false, reason });
