import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** What did not answer: PostgreSQL, Redis, a socket whose service could not be told, or another service by name. */
export type Dependency = "postgresql" | "redis" | "network" | (string & {});

// Label values a caller chooses (operation names) are kept to this many; later ones count as "other".
const MAX_OPERATION_LABELS = 200;
const MAX_OUTCOME_LABELS = 50;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** Keeps a label's values few, whatever callers send: the first `max` distinct values, then "other". */
class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return "other";
    this.seen.add(value);
    return value;
  }
}

/**
 * One service's counters and its registry, exposed in Prometheus text format on its `/metrics`.
 * Every series carries `service`; several services in one process (`npm start`) keep theirs apart.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<"operation" | "outcome">;
  private readonly mutationResults: Counter<"mutation" | "result">;
  private readonly logins: Counter<"outcome">;
  private readonly stepUps: Counter<"outcome">;
  private readonly codesSent: Counter;
  private readonly locks: Counter<"guard">;
  private readonly dependencyErrors: Counter<"dependency">;
  private readonly operations = new BoundedLabel(MAX_OPERATION_LABELS);
  private readonly outcomes = new BoundedLabel(MAX_OUTCOME_LABELS);
  // Each (operation, outcome)'s series, found once: prom-client would hash the labels on every observation.
  private readonly requestSeries = new Map<string, { observe(seconds: number): void }>();

  constructor(
    readonly service: string,
    /** The process's own figures (CPU, memory, event loop, GC); one set per process is enough. */
    options: { processMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];
    this.requests = new Histogram({
      name: "oa_graphql_request_duration_seconds",
      help: "GraphQL requests served on /graphql, by operation name and outcome (ok, or the first error's code); _count is the number of requests.",
      labelNames: ["operation", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.mutationResults = new Counter({
      name: "oa_mutation_results_total",
      help: "Root mutations answered, by field and result (the result type, and its rejection code as Type:CODE).",
      labelNames: ["mutation", "result"],
      registers,
    });
    this.logins = new Counter({ name: "oa_logins_total", help: "Logins, by outcome (LoginSucceeded, StepUpRequired, LoginRejected:CODE).", labelNames: ["outcome"], registers });
    this.stepUps = new Counter({
      name: "oa_step_up_verifications_total",
      help: "verifyStepUp answers, by outcome (StepUpSucceeded, StepUpRejected:CODE).",
      labelNames: ["outcome"],
      registers,
    });
    this.codesSent = new Counter({ name: "oa_security_codes_sent_total", help: "Security codes sent (sendSecurityCode answered SecurityCodeSent).", registers });
    this.locks = new Counter({
      name: "oa_locks_total",
      help: "Locks set by too many failed tries, by guard (login, proof, client, add-vehicle, ...).",
      labelNames: ["guard"],
      registers,
    });
    this.dependencyErrors = new Counter({
      name: "oa_dependency_errors_total",
      help: "Calls that failed because a dependency did not answer: postgresql, redis, network (a socket of either), or another service by name.",
      labelNames: ["dependency"],
      registers,
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One GraphQL request served: `operation` as the client named it (bounded), `outcome` ok or an error code. */
  requestServed(operation: string | undefined, outcome: string, seconds: number): void {
    const name = operation === undefined ? "(none)" : OPERATION_NAME.test(operation) ? this.operations.of(operation) : "other";
    const bounded = this.outcomes.of(outcome);
    const key = `${name}\u0000${bounded}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      series = this.requests.labels({ operation: name, outcome: bounded });
      this.requestSeries.set(key, series);
    }
    series.observe(seconds);
  }

  /** A root mutation's result (e.g. "LoginRejected:ACCOUNT_LOCKED"), also into the login, step-up and code counters. */
  mutationAnswered(mutation: string, result: string): void {
    this.mutationResults.inc({ mutation, result });
    if (mutation === "login") this.logins.inc({ outcome: result });
    else if (mutation === "verifyStepUp") this.stepUps.inc({ outcome: result });
    else if (mutation === "sendSecurityCode" && result === "SecurityCodeSent") this.codesSent.inc();
  }

  /** A guard set a lock (its `kind`). */
  lockSet(guard: string): void {
    this.locks.inc({ guard });
  }

  dependencyFailed(dependency: Dependency): void {
    this.dependencyErrors.inc({ dependency });
  }

  /** The registry in Prometheus text format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * The counters a service serves on /metrics: its own, unless METRICS_ENABLED is false (then none,
 * and /metrics answers 404; what the benchmark compares against).
 */
export function metricsOfService(service: string, env: NodeJS.ProcessEnv = process.env): ServiceMetrics | null {
  const enabled = (env.METRICS_ENABLED ?? "true").trim().toLowerCase();
  if (enabled === "false") return null;
  if (enabled !== "true") throw new Error(`METRICS_ENABLED must be true or false, got "${env.METRICS_ENABLED}"`);
  return new ServiceMetrics(service);
}
