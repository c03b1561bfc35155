import { Agent, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { closeForwarding, forward, startBodyServer } from "./forwarding";

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
    let tap: Wiretap | undefined;
    const { server, port } = await startBodyServer((request, body, response) => {
      // Set as soon as the server listens, before any request can arrive.
      if (!tap) {
        response.writeHead(503).end();
        return;
      }
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
    tap = new Wiretap(server, port);
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

  close(): Promise<void> {
    return closeForwarding(this.server, this.agent);
  }

  private forward(tapped: TappedRequest, body: Buffer, response: ServerResponse): void {
    if (!this.target) {
      response.writeHead(503).end();
      return;
    }
    forward(this.agent, this.target, tapped, body, response);
  }
}
