import type { IncomingMessage } from "node:http";
import { createLogger, REDACTED_PATHS, SECRET_FIELDS, SECRET_HEADERS } from "./logger";
import { openRequestScope, runInRequestScope } from "./request-scope";

function capture(level: "debug" | "info" = "debug", bindings: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const logger = createLogger(level, bindings, (line) => lines.push(line));
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("createLogger", () => {
  it("writes one JSON line per call: time, level by name, bindings, message and fields", () => {
    const { logger, lines, parsed } = capture("info", { service: "identity" });
    logger.debug("not at info");
    logger.info("signed in", { userId: "u-1" });
    logger.child({ flow: "login" }).warn("slow");
    expect(lines).toHaveLength(2);
    expect(parsed()[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      service: "identity",
      message: "signed in",
      userId: "u-1",
    });
    expect(parsed()[1]).toMatchObject({ level: "warn", service: "identity", flow: "login", message: "slow" });
  });

  it("never writes a secret-like field, at the top or inside a request's input or headers", () => {
    const { logger, lines } = capture();
    for (const [index, name] of SECRET_FIELDS.entries()) {
      const secret = `secret-value-${index}`;
      logger.debug("top", { [name]: secret });
      logger.debug("input", { input: { [name]: secret } });
      logger.debug("variables", { variables: { input: { [name]: secret } } });
      logger.debug("body", { body: { variables: { input: { [name]: secret } } } });
    }
    for (const [index, name] of SECRET_HEADERS.entries()) {
      const secret = `header-value-${index}`;
      logger.debug("header", { headers: { [name]: secret } });
      logger.debug("request", { request: { headers: { [name]: secret } } });
    }
    expect(lines).toHaveLength(SECRET_FIELDS.length * 4 + SECRET_HEADERS.length * 2);
    for (const line of lines) expect(line).not.toMatch(/secret-value|header-value/);
    expect(lines.join("\n")).toContain('"password":"[redacted]"');
    expect(lines.join("\n")).toContain('"x-oa-gateway":"[redacted]"');
    // What is no secret stays as it was.
    logger.info("kept", { userId: "u-1", input: { username: "dana.w" } });
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ userId: "u-1", input: { username: "dana.w" } });
    expect(REDACTED_PATHS).toContain('headers["set-cookie"]');
  });

  it("adds the request's id and trace id to every line written while serving it, and only then", async () => {
    const { logger, parsed } = capture();
    const scope = { ...openRequestScope(requestWith({ "x-request-id": "req-42" }), null), logFields: { requestId: "req-42", traceId: "0af7651916cd43dd8448eb211c80319c" } };
    await runInRequestScope(scope, async () => {
      logger.info("first", { userId: "u-1" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ flow: "login" }).warn("later, after a timer");
    });
    logger.info("outside");
    const [first, later, outside] = parsed();
    expect(first).toMatchObject({ requestId: "req-42", traceId: "0af7651916cd43dd8448eb211c80319c", userId: "u-1" });
    expect(later).toMatchObject({ requestId: "req-42", traceId: "0af7651916cd43dd8448eb211c80319c", flow: "login" });
    expect(outside).not.toHaveProperty("requestId");
    // One line's fields never stick to the scope's next line.
    expect(later).not.toHaveProperty("userId");
  });
});

describe("openRequestScope", () => {
  it("takes a sane x-request-id and makes a new one for anything else", () => {
    expect(openRequestScope(requestWith({ "x-request-id": "abc-123_X.y:z" }), null).requestId).toBe("abc-123_X.y:z");
    for (const insane of ["", "a b", "x".repeat(65), "id\nforged", '"quoted"', "-leading-dash"]) {
      expect(openRequestScope(requestWith({ "x-request-id": insane }), null).requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(openRequestScope(requestWith({}), null).logFields).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
