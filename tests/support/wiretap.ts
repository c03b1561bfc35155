import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it crossed the wire, headers and exact body included. */
export interface TappedRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the tap kept it from the service (see `hold`): nobody has used it yet. */
  held: boolean;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * A recording proxy between services, as a network neighbour would see the traffic: it forwards
 * every request to the real service unchanged and keeps a copy of each. `hold` makes it swallow
 * matching requests instead (the sender gets a 502), as an attacker who intercepts a request
 * before it is delivered would.
 */
export class Wiretap {
  readonly requests: TappedRequest[] = [];
  private target: URL | undefined;
  private holding: ((request: TappedRequest) => boolean) | undefined;
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(): Promise<Wiretap> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const tap = new Wiretap(server, (server.address() as AddressInfo).port);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks);
        const tapped: TappedRequest = {
          method: request.method ?? "GET",
          path: request.url ?? "/",
          headers: { ...request.headers },
          body: body.toString("utf8"),
          held: false,
          at: Date.now(),
        };
        tap.requests.push(tapped);
        if (tap.holding?.(tapped)) {
          tapped.held = true;
          response.writeHead(502, { "content-type": "application/json" }).end('{"errors":[{"message":"intercepted"}]}');
          return;
        }
        tap.forward(tapped, body, response);
      });
    });
    return tap;
  }

  /** Sends what arrives here to `url` (same path); returns this tap's URL for that path, for the others to call. */
  forwardTo(url: string): string {
    this.target = new URL(url);
    return `http://127.0.0.1:${this.port}${this.target.pathname}`;
  }

  /** From now on, requests that match are recorded but never delivered; `null` delivers everything again. */
  hold(matching: ((request: TappedRequest) => boolean) | null): void {
    this.holding = matching ?? undefined;
  }

  /** The recorded requests whose body contains `text`, oldest first. */
  matching(text: string): TappedRequest[] {
    return this.requests.filter((request) => request.body.includes(text));
  }

  /** The latest recorded request whose body contains `text`; throws when there is none. */
  last(text: string): TappedRequest {
    const found = this.matching(text).at(-1);
    if (!found) throw new Error(`no request containing ${JSON.stringify(text)} crossed the tap`);
    return found;
  }

  clear(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.agent.destroy();
  }

  private forward(tapped: TappedRequest, body: Buffer, response: ServerResponse): void {
    if (!this.target) {
      response.writeHead(503).end();
      return;
    }
    const upstream = httpRequest(
      { host: this.target.hostname, port: this.target.port, method: tapped.method, path: tapped.path, headers: { ...tapped.headers, host: this.target.host }, agent: this.agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    upstream.end(body);
  }
}
