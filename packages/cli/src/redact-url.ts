/** A connection URL fit to print: the password (if any) replaced by ***. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    // A Redis Cluster's nodes (redis+cluster://:pw@a:7000,b:7001) are no URL host: redact by hand.
    const cluster = /^(rediss?\+cluster:\/\/)(?:(.*)@)?([^@]*)$/i.exec(raw.trim());
    if (!cluster) return "(a URL that does not parse)";
    const [, scheme, credentials, nodes] = cluster;
    const user = credentials?.includes(":") ? `${credentials.slice(0, credentials.indexOf(":"))}:***@` : credentials !== undefined ? `${credentials}@` : "";
    return `${scheme}${user}${nodes}`;
  }
}
