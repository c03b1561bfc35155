// docker/compose.yaml is a valid Compose file: against the Compose Specification's JSON schema
// (vendored in compose-spec/, no network), and its services depend only on services it defines,
// waiting for health only where there is a health check. Debian's docker-compose 1.29 cannot
// check it (its schema predates the top-level `name:`), so this test does (docs/decisions/0027).
import { readFileSync } from "node:fs";
import path from "node:path";
// js-yaml 4's `load` reads plain YAML, anchors and merge keys (what Compose itself reads), and no
// unsafe types: its default schema is the safe one.
import { load as parseYaml } from "js-yaml";
import { validateJson, type Schema } from "./json-schema";

const ROOT = path.join(__dirname, "../..");
const COMPOSE_FILE = path.join(ROOT, "docker/compose.yaml");
const SCHEMA = JSON.parse(readFileSync(path.join(__dirname, "compose-spec/compose-spec.json"), "utf8")) as Schema;

interface Service {
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { disable?: boolean; test?: unknown };
}

/** Each service's dependencies that do not exist, or that it waits to be healthy without a health check. */
function dependencyProblems(services: Record<string, Service>): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = service.depends_on ?? [];
    const entries: [string, { condition?: string }][] = Array.isArray(dependsOn) ? dependsOn.map((target) => [target, {}]) : Object.entries(dependsOn);
    for (const [target, { condition }] of entries) {
      const dependency = services[target];
      if (!dependency) problems.push(`${name} depends on ${target}, which is not a service of the file`);
      else if (condition === "service_healthy" && (!dependency.healthcheck?.test || dependency.healthcheck.disable)) {
        problems.push(`${name} waits for ${target} to be healthy, but ${target} has no health check`);
      }
    }
  }
  return problems;
}

describe("docker/compose.yaml", () => {
  const compose = parseYaml(readFileSync(COMPOSE_FILE, "utf8")) as { name?: string; services: Record<string, Service> };

  it("is valid against the Compose Specification's schema", () => {
    expect(validateJson(SCHEMA, compose)).toEqual([]);
  });

  it("names its project and the services the README lists", () => {
    expect(compose.name).toBe("online-access");
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["postgres", "redis", "identity", "device-trust", "vehicle-account", "gateway"]));
  });

  it("makes its services depend only on services it defines, and wait for health only where there is a health check", () => {
    expect(dependencyProblems(compose.services)).toEqual([]);
  });

  it("would be refused with a key Compose does not know, or a condition it does not have", () => {
    // The checks above can fail: the schema checks this file's own shapes.
    const broken = structuredClone(compose) as Record<string, any>;
    broken.services.gateway.restart_policy = "always";
    broken.services.gateway.depends_on.redis.condition = "service_ready";
    const problems = validateJson(SCHEMA, broken);
    expect(problems).toContain("/services/gateway/restart_policy: is not allowed here");
    expect(problems).toContain(
      '  /services/gateway/depends_on/redis/condition: must be one of "service_started", "service_healthy", "service_completed_successfully", is "service_ready"',
    );
    expect(dependencyProblems({ a: { depends_on: { b: { condition: "service_healthy" } } }, b: {} })).toEqual(["a waits for b to be healthy, but b has no health check"]);
    expect(dependencyProblems({ a: { depends_on: ["c"] } })).toEqual(["a depends on c, which is not a service of the file"]);
  });
});
