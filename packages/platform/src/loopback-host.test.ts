import { isLoopbackHost } from "./loopback-host";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["0.0.0.0", "::", "192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fe80::1", "example.com", "localhost.example.com", "128.0.0.1", ""])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
