import { startTracing, tracesProtocol, tracingWanted } from "./tracing";

describe("tracing's OTEL_* variables", () => {
  it("are off without an OTLP endpoint, and when disabled", () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: "identity" })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_TRACES_EXPORTER: "none" })).toBe(false);
  });

  it("speak OTLP over HTTP, protobuf unless told json", () => {
    expect(tracesProtocol({})).toBe("http/protobuf");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" })).toBe("http/json");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json" })).toBe("http/json");
    expect(() => tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow('OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json, got "grpc"');
  });

  it("start nothing when off, and leave a wrong value for the start to report", async () => {
    const off = startTracing("identity", {});
    expect(off.enabled).toBe(false);
    expect(() => off.check()).not.toThrow();
    await off.close();
    const wrong = startTracing("identity", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_TRACES_EXPORTER: "zipkin" });
    expect(wrong.enabled).toBe(false);
    expect(() => wrong.check()).toThrow('OTEL_TRACES_EXPORTER must be otlp or none, got "zipkin"');
  });
});
