import type * as z from 'zod/mini';

/**
 * One line naming the field and the problem, e.g. `payload.amount: must be a
 * decimal string …`. Only the first issue: one reason is enough to reject.
 * Never echoes the offending value (it may be large or personal).
 */
export const describeFirstIssue = (prefix: string, error: z.core.$ZodError): string => {
  const issue = error.issues[0];
  if (issue === undefined) return `${prefix}: invalid`;
  const field = [prefix, ...issue.path.map(String)].join('.').slice(0, 200);
  const message = issue.message.includes('received undefined') ? 'is required' : issue.message;
  return `${field}: ${message}`;
};
