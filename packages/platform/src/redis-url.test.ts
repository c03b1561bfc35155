import { RedisUrlError, redisTargetOf } from "./redis-url";

describe("redisTargetOf", () => {
  it("takes anything but a cluster URL as one server's URL, unchanged", () => {
    for (const url of ["redis://127.0.0.1:6379", "rediss://:pw@redis.internal:6380/2", "redis://redis"]) expect(redisTargetOf(url)).toEqual({ kind: "server", url });
  });

  it("reads a cluster's seed nodes, ports defaulting to 6379, IPv6 in brackets", () => {
    expect(redisTargetOf("redis+cluster://10.0.0.1:7000,10.0.0.2,[::1]:7002/")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 6379 },
        { host: "::1", port: 7002 },
      ],
      tls: false,
    });
    expect(redisTargetOf("REDIS+CLUSTER://redis-0.redis:6379").kind).toBe("cluster");
  });

  it("reads one set of credentials for every node, percent-decoded, and TLS from rediss+cluster", () => {
    expect(redisTargetOf("rediss+cluster://app:p%40ss%3Aword@a:7000,b:7001")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "a", port: 7000 },
        { host: "b", port: 7001 },
      ],
      username: "app",
      password: "p@ss:word",
      tls: true,
    });
    expect(redisTargetOf("redis+cluster://:only-a-password@a:7000")).toMatchObject({ password: "only-a-password" });
    expect(redisTargetOf("redis+cluster://:only-a-password@a:7000")).not.toHaveProperty("username");
  });

  it.each([
    ["redis+cluster://", /names no node/],
    ["redis+cluster://a:7000,,b:7001", /names no node/],
    ["redis+cluster://a:7000/0", /no database number/],
    ["redis+cluster://a:7000?tls=true", /no database number/],
    ["redis+cluster://a:port", /not host:port: "a:port"/],
    ["redis+cluster://a:0", /not host:port/],
    ["redis+cluster://:%E0%A4%A@a:7000", /percent-encoded/],
  ])("refuses %s", (url, message) => {
    expect(() => redisTargetOf(url)).toThrow(RedisUrlError);
    expect(() => redisTargetOf(url)).toThrow(message);
  });
});
