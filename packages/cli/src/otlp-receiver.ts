import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One span as received over OTLP/HTTP JSON, with its service's name and its attributes flattened. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** 1 internal, 2 server, 3 client (OTLP's SpanKind). */
  kind: number;
  attributes: Record<string, string | number | boolean>;
}

export interface OtlpReceiver {
  /** What to set OTEL_EXPORTER_OTLP_ENDPOINT to. */
  endpoint: string;
  /** Spans received so far (only with `keep`; they must come as http/json). */
  spans: ReceivedSpan[];
  /** Export requests received. */
  requests: number;
  close(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] }[] }[];
  }[];
}

const attributeValue = (value: OtlpValue) => value.stringValue ?? value.boolValue ?? value.doubleValue ?? (value.intValue === undefined ? "" : Number(value.intValue));
const attributesOf = (attributes: { key: string; value: OtlpValue }[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, attributeValue(value)]));

/**
 * A small OTLP/HTTP trace receiver on loopback: answers every export with 200; with `keep`, parses
 * the http/json ones and keeps their spans (tests), else only drains them (the benchmark).
 */
export async function startOtlpReceiver(options: { keep: boolean }): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const receiver: Omit<OtlpReceiver, "close"> = { endpoint: "", spans, requests: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      if (options.keep) chunks.push(chunk);
    });
    request.on("end", () => {
      receiver.requests += 1;
      if (options.keep && request.url === "/v1/traces") keep(Buffer.concat(chunks).toString("utf8"), spans);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(receiver, {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

function keep(body: string, into: ReceivedSpan[]): void {
  const parsed = JSON.parse(body) as OtlpJson;
  for (const resourceSpans of parsed.resourceSpans ?? []) {
    const service = String(attributesOf(resourceSpans.resource?.attributes)["service.name"] ?? "");
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        into.push({
          service,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          attributes: attributesOf(span.attributes),
        });
      }
    }
  }
}
