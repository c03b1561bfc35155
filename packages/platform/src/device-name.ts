// One rule for device names, shared by identity (rememberDevice.name) and device-trust (registerDevice).

/** Longest device name, in characters (code points, as PostgreSQL's char_length counts them). */
export const DEVICE_NAME_MAX_LENGTH = 64;

/** The rule in words, fit to show a person. */
export const DEVICE_NAME_RULE = `1 to ${DEVICE_NAME_MAX_LENGTH} characters, without control or invisible formatting characters`;

// A zero-width joiner inside an emoji sequence (👩‍💻) is part of the picture, not a hidden character.
const EMOJI_JOINER = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}]|\uFE0F)\u200D(?=\p{Extended_Pictographic})/gu;
// Control (Cc), format (Cf: bidi overrides, zero-width and other invisible characters), lone
// surrogates (Cs), and line and paragraph separators.
const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** The name as stored (trimmed), or null when it breaks DEVICE_NAME_RULE once trimmed. */
export function normaliseDeviceName(name: string): string | null {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > DEVICE_NAME_MAX_LENGTH) return null;
  return REFUSED.test(trimmed.replace(EMOJI_JOINER, "")) ? null : trimmed;
}
