/** Longest device name, in characters (as device-trust allows). */
export const DEVICE_NAME_MAX_LENGTH = 64;

/** The name to register (trimmed), or null when it is empty, too long or holds control characters. */
export function normaliseDeviceName(name: string): string | null {
  const trimmed = name.trim();
  // Counted in code points, as device-trust counts them.
  const length = [...trimmed].length;
  if (length < 1 || length > DEVICE_NAME_MAX_LENGTH) return null;
  return /\p{Cc}/u.test(trimmed) ? null : trimmed;
}
