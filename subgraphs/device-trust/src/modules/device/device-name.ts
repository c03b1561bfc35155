/** Longest device name, in characters. */
export const DEVICE_NAME_MAX_LENGTH = 64;

/** The name as stored (trimmed), or null when it is empty or too long once trimmed. */
export function normaliseDeviceName(name: string): string | null {
  const trimmed = name.trim();
  // Counted in code points, as PostgreSQL's char_length counts them.
  const length = [...trimmed].length;
  return length >= 1 && length <= DEVICE_NAME_MAX_LENGTH ? trimmed : null;
}
