import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** What the client address is read from: the socket's peer and the request's headers. */
export type AddressedRequest = Pick<IncomingMessage, "headers"> & { socket: { remoteAddress?: string } };

/** One spelling per address: `::FFFF:192.0.2.7` (an IPv4 client seen on an IPv6 socket) is `192.0.2.7`. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = lower.startsWith("::ffff:") ? lower.slice("::ffff:".length) : "";
  return isIP(mapped) === 4 ? mapped : lower;
}

/**
 * Reads the client's address of a request: the socket's peer, unless the peer is one of
 * `trustedProxies` (exact addresses). Then X-Forwarded-For is walked from the right (each proxy
 * appends the address it saw), past the trusted proxies, and the first address not trusted is the
 * client; whatever stands to its left was written by the client and is never read. When that
 * address is malformed, the chain cannot be read: the peer's address is used, so a client can
 * never choose its own address with a header it makes up.
 */
export function createClientAddress(trustedProxies: readonly string[]): (request: AddressedRequest) => string | null {
  const trusted = new Set(trustedProxies.map(normalizeAddress));
  return (request) => {
    const peer = request.socket.remoteAddress;
    if (!peer) return null;
    const socketAddress = normalizeAddress(peer);
    if (!trusted.has(socketAddress)) return socketAddress;
    const forwarded = forwardedFor(request.headers["x-forwarded-for"]);
    for (let index = forwarded.length - 1; index >= 0; index -= 1) {
      if (trusted.has(forwarded[index])) continue;
      return isIP(forwarded[index]) !== 0 ? forwarded[index] : socketAddress;
    }
    // Every hop is a trusted proxy: the first of them is where the request began.
    return forwarded[0] ?? socketAddress;
  };
}

/** The X-Forwarded-For entries, left to right, each in one spelling. */
function forwardedFor(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  return (Array.isArray(header) ? header.join(",") : header).split(",").map(normalizeAddress);
}
