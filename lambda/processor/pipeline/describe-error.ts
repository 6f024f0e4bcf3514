const MAX_LENGTH = 1000;

/**
 * One line for whatever was thrown: an Error's name and message, a string, or
 * the value's type. Never throws itself, even for a null-prototype object or
 * one whose `toString` throws.
 */
export const describeError = (error: unknown): string => {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, MAX_LENGTH);
    if (typeof error === 'string') return error.slice(0, MAX_LENGTH);
    if (error === null || typeof error !== 'object') return String(error).slice(0, MAX_LENGTH);
    return `non-Error thrown: ${Object.prototype.toString.call(error)}`;
  } catch {
    return 'non-Error thrown (not describable)';
  }
};
