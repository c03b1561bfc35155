/** Usernames: 6 to 32 of ASCII letters, digits, `.`, `-` and `_`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{6,32}$/;

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

/** The form usernames are unique in: `DanaW` and `danaw` are the same username. */
export function usernameKey(username: string): string {
  return username.toLowerCase();
}
