/** A prop out of range: one line naming the prop, the value and the allowed range. */
export class StackPropsError extends Error {
  override name = 'StackPropsError';
}

/** Throws unless `value` is an integer from `min` to `max`. */
export const requireInteger = (name: string, value: number, min: number, max: number): void => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StackPropsError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
};
