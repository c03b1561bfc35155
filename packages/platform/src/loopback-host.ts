import { isIPv4, isIPv6 } from "node:net";

/**
 * True when `host` is an address only this machine can reach: 127.0.0.0/8 (also written as an
 * IPv4-mapped IPv6 address), ::1, or `localhost`. Anything else (0.0.0.0, ::, a LAN address, a
 * name) may be reached from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost") return true;
  if (isIPv4(name)) return name.startsWith("127.");
  if (!isIPv6(name)) return false;
  const mapped = /^[0:]*:ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (mapped) return mapped[1].startsWith("127.");
  return expandIPv6(name) === "0000:0000:0000:0000:0000:0000:0000:0001";
}

/** The eight groups of an IPv6 address, each 4 hex digits (no embedded IPv4 part). */
function expandIPv6(address: string): string {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups].map((group) => group.padStart(4, "0")).join(":");
}
