/**
 * The token of an `Authorization: Bearer <token>` header, or null when the header is missing or
 * malformed (another scheme, no token, several values): such a request simply has no session.
 */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== "string") return null;
  const match = /^Bearer +([^\s,]+) *$/i.exec(header);
  return match ? match[1] : null;
}
