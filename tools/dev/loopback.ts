import { isIP } from 'node:net';

/** Whether a socket's remote address is this machine (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export const isLoopbackAddress = (address: string | undefined): boolean => {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return address === '::1';
};

/**
 * Whether a Host header names this machine. A page elsewhere that rebinds its
 * own name to 127.0.0.1 still sends its own name here, so it is refused.
 */
export const isLoopbackHost = (host: string | undefined): boolean => {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === 'localhost' || name === '[::1]' || (isIP(name ?? '') === 4 && isLoopbackAddress(name));
};
