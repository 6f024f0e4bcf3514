/**
 * Why untrusted input was refused. Made only on refusal: an accepted value is
 * returned as it is, since a `{ ok, value }` wrapper per check was four
 * short-lived objects per record, a tenth of what a batch allocated.
 */
export class Rejection {
  constructor(readonly reason: string) {}
}

/** The result of checking untrusted input: the typed value, or the {@link Rejection} saying why it was refused. */
export type Checked<T> = T | Rejection;

export const refuse = (reason: string): Rejection => new Rejection(reason);

/** Whether a check refused its input (accepted values are never Rejections). */
export const isRejection = (checked: unknown): checked is Rejection => checked instanceof Rejection;
