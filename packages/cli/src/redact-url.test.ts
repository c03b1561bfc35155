import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("hides the password of a server's URL", () => {
    expect(redactUrl("postgres://app:s3cret@db:5432/online_access")).toBe("postgres://app:***@db:5432/online_access");
    expect(redactUrl("redis://redis:6379")).toBe("redis://redis:6379");
  });

  it("hides the password of a Redis Cluster's URL, keeping its nodes", () => {
    expect(redactUrl("redis+cluster://:s3cret@10.0.0.1:7000,10.0.0.2:7001")).toBe("redis+cluster://:***@10.0.0.1:7000,10.0.0.2:7001");
    expect(redactUrl("rediss+cluster://app:p@ss@a:7000,b:7001")).toBe("rediss+cluster://app:***@a:7000,b:7001");
    expect(redactUrl("redis+cluster://a:7000,b:7001")).toBe("redis+cluster://a:7000,b:7001");
  });

  it("says so when it cannot tell", () => {
    expect(redactUrl("not a url: s3cret")).toBe("(a URL that does not parse)");
  });
});
