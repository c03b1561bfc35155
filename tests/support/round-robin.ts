import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the balancer passed it on: to which instance, and exactly what. */
export interface BalancedRequest {
  /** The index of the instance it went to, in the order they were added. */
  instance: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A tiny load balancer in front of the instances of one service, as a service name that resolves
 * to every replica would be: each request goes to the next instance in turn, unchanged (path,
 * headers and body, so the credential signed for it still holds). It keeps what it passed on.
 */
export class RoundRobin {
  readonly requests: BalancedRequest[] = [];
  private readonly targets: URL[] = [];
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(): Promise<RoundRobin> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const balancer = new RoundRobin(server, (server.address() as AddressInfo).port);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (balancer.targets.length === 0) {
          response.writeHead(503).end();
          return;
        }
        const instance = balancer.next++ % balancer.targets.length;
        const target = balancer.targets[instance];
        const body = Buffer.concat(chunks);
        const headers = { ...request.headers, host: target.host };
        balancer.requests.push({ instance, method: request.method ?? "GET", path: request.url ?? "/", headers: request.headers, body: body.toString("utf8") });
        const upstream = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers, agent: balancer.agent }, (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        upstream.on("error", () => {
          if (!response.headersSent) response.writeHead(502);
          response.end();
        });
        upstream.end(body);
      });
    });
    return balancer;
  }

  /** Adds an instance (its URL); answers the balancer's URL for the same path, for the others to call. */
  add(url: string): string {
    const target = new URL(url);
    this.targets.push(target);
    return `http://127.0.0.1:${this.port}${target.pathname}`;
  }

  /** The instances' URLs, in the order they were added. */
  get instances(): string[] {
    return this.targets.map((target) => target.toString());
  }

  /** How many requests (whose body matches `body`, when given) each instance got. */
  servedBy(body?: RegExp): number[] {
    const counts = this.targets.map(() => 0);
    for (const request of this.requests) if (!body || body.test(request.body)) counts[request.instance] += 1;
    return counts;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.agent.destroy();
  }
}
