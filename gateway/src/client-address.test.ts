import { type AddressedRequest, createClientAddress, normalizeAddress } from "./client-address";

const PROXY = "10.0.0.5";
const EDGE = "10.0.0.6";

function request(remoteAddress: string | undefined, forwardedFor?: string | string[]): AddressedRequest {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } };
}

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["::FFFF:192.0.2.7", "192.0.2.7"],
    [" 192.0.2.7 ", "192.0.2.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["::ffff:zz", "::ffff:zz"],
  ])("%s is %s", (address, expected) => {
    expect(normalizeAddress(address)).toBe(expected);
  });
});

describe("createClientAddress", () => {
  it("believes no header when no proxy is trusted", () => {
    const clientAddress = createClientAddress([]);
    expect(clientAddress(request("::ffff:192.0.2.7"))).toBe("192.0.2.7");
    expect(clientAddress(request("192.0.2.7", "203.0.113.9"))).toBe("192.0.2.7");
    expect(clientAddress(request(undefined))).toBeNull();
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(createClientAddress([PROXY])(request("192.0.2.7", "203.0.113.9"))).toBe("192.0.2.7");
  });

  it("takes the address a trusted proxy saw", () => {
    const clientAddress = createClientAddress([PROXY]);
    expect(clientAddress(request(PROXY, "203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(request(`::ffff:${PROXY}`, "::ffff:203.0.113.9"))).toBe("203.0.113.9");
  });

  it("walks from the right past trusted proxies only, so a client's own entries are never believed", () => {
    const clientAddress = createClientAddress([PROXY, EDGE]);
    // The client wrote 198.51.100.1 itself; the edge saw 203.0.113.9 and the proxy saw the edge.
    expect(clientAddress(request(PROXY, `198.51.100.1, 203.0.113.9, ${EDGE}`))).toBe("203.0.113.9");
    expect(clientAddress(request(PROXY, ["198.51.100.1, 203.0.113.9", EDGE]))).toBe("203.0.113.9");
  });

  it("takes the proxy's own address when it forwards nothing, and the first hop when every hop is trusted", () => {
    const clientAddress = createClientAddress([PROXY, EDGE]);
    expect(clientAddress(request(PROXY))).toBe(PROXY);
    expect(clientAddress(request(PROXY, `${EDGE}, ${PROXY}`))).toBe(EDGE);
  });

  it("falls back to the socket's address when an entry is malformed", () => {
    const clientAddress = createClientAddress([PROXY]);
    for (const header of ["unknown", "203.0.113.9, ", "203.0.113.9:443", "203.0.113.9, not-an-ip", ""]) {
      expect(clientAddress(request(PROXY, header))).toBe(PROXY);
    }
  });

  it("never reads what the client wrote to the left of the address the proxy saw, malformed or not", () => {
    const clientAddress = createClientAddress([PROXY]);
    expect(clientAddress(request(PROXY, "not-an-ip, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(request(PROXY, "198.51.100.1, 203.0.113.9"))).toBe("203.0.113.9");
  });

  it("matches trusted proxies in any spelling", () => {
    expect(createClientAddress([`::FFFF:${PROXY}`])(request(PROXY, "203.0.113.9"))).toBe("203.0.113.9");
    expect(createClientAddress(["2001:DB8::5"])(request("2001:db8::5", "2001:db8::9"))).toBe("2001:db8::9");
  });
});
