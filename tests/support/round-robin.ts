import { Agent, type IncomingHttpHeaders, type Server } from "node:http";
import { closeForwarding, forward, startBodyServer } from "./forwarding";

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
    let balancer: RoundRobin | undefined;
    const { server, port } = await startBodyServer((request, body, response) => {
      // balancer is set as soon as the server listens, before any request can arrive.
      if (!balancer || balancer.targets.length === 0) {
        response.writeHead(503).end();
        return;
      }
      const instance = balancer.next++ % balancer.targets.length;
      const passed = { instance, method: request.method ?? "GET", path: request.url ?? "/", headers: request.headers, body: body.toString("utf8") };
      balancer.requests.push(passed);
      forward(balancer.agent, balancer.targets[instance], passed, body, response);
    });
    balancer = new RoundRobin(server, port);
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

  close(): Promise<void> {
    return closeForwarding(this.server, this.agent);
  }
}
