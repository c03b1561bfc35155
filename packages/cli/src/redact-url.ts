/** A connection URL fit to print: the password (if any) replaced by ***. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(a URL that does not parse)";
  }
}
