import { Agent } from "undici";

export interface PooledHttpOptions {
  /** Most sockets open to one service at once; further requests queue [64]. */
  connections?: number;
  /**
   * How long an idle socket is kept [30 s]: below the services' keep-alive (65 s, http-service.ts),
   * so the client drops a socket before the server would close it under a request ('socket hang up').
   */
  idleTimeoutMs?: number;
  /** Longest wait for an answer's headers, and between two chunks of its body [15 s]. */
  requestTimeoutMs?: number;
}

/** An answer as read: its status, its media type and its whole body. */
export interface PooledAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

export interface PostOptions {
  signal?: AbortSignal;
  /** This request's longest wait for the headers, and between two chunks of the body, in place of the pool's. */
  timeoutMs?: number;
  /** Close the connection after this request instead of keeping it (the benchmark's baseline). */
  closeConnection?: boolean;
}

/**
 * POSTs from one service to another over keep-alive pools (undici, one pool per origin): no TCP
 * handshake per call, no WHATWG Request, Headers or Response objects per call. Redirects are not
 * followed: a 3xx is an answer like any other, which callers treat as a failure.
 */
export class PooledHttp {
  private readonly agent: Agent;
  private readonly targets = new Map<string, { origin: string; path: string }>();

  constructor(options: PooledHttpOptions = {}) {
    const idle = options.idleTimeoutMs ?? 30_000;
    const timeout = options.requestTimeoutMs ?? 15_000;
    this.agent = new Agent({
      connections: options.connections ?? 64,
      // The server's keep-alive hint may shorten the idle time, never lengthen it past ours.
      keepAliveTimeout: idle,
      keepAliveMaxTimeout: idle,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  }

  async post(url: string, headers: Record<string, string>, body: string, options: PostOptions = {}): Promise<PooledAnswer> {
    const { origin, path } = this.targetOf(url);
    const response = await this.agent.request({
      origin,
      path,
      method: "POST",
      headers,
      body,
      signal: options.signal,
      reset: options.closeConnection,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const text = await response.body.text();
    const contentType = response.headers["content-type"];
    return { status: response.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, body: text };
  }

  /** Closes every pooled socket, after the requests under way. */
  close(): Promise<void> {
    return this.agent.close();
  }

  // A service calls the same few URLs again and again: each is parsed once.
  private targetOf(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      if (this.targets.size < 100) this.targets.set(url, target);
    }
    return target;
  }
}
