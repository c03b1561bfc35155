import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { credentialOfRequest } from "@oa/platform";

export interface FakeDevice {
  id: string;
  userId: string;
  name: string;
  platform: string;
  token: string;
  registeredAt: string;
  lastUsedAt: string | null;
}

/**
 * A stand-in for device-trust's internal fields (registerDevice, trustedDevice, useTrustedDevice), as
 * docs/architecture.md describes them: it refuses a call without a credential made for device-trust
 * and this exact request (401), a mutation's credential used twice (401), and one whose purpose is
 * not the field called (FORBIDDEN).
 */
export interface FakeDeviceTrust {
  url: string;
  devices: FakeDevice[];
  /** Every call, by field name, with the credential's caller and purpose. */
  calls: { field: string; caller: string; purpose: string | null; variables: Record<string, unknown> }[];
  /** While true, every call answers 503. */
  failing: boolean;
  /** Registers a device directly, as an earlier step-up would have. */
  seed(userId: string, name?: string): FakeDevice;
  close(): Promise<void>;
}

export async function startFakeDeviceTrust(gatewaySecret: string): Promise<FakeDeviceTrust> {
  const devices: FakeDevice[] = [];
  const calls: FakeDeviceTrust["calls"] = [];
  const usedNonces = new Set<string>();
  const seed = (userId: string, name = "Test phone", platform = "IOS"): FakeDevice => {
    const device = {
      id: randomUUID(),
      userId,
      name,
      platform,
      token: randomBytes(32).toString("base64url"),
      registeredAt: new Date().toISOString(),
      lastUsedAt: null,
    };
    devices.unshift(device);
    return device;
  };

  const fake: FakeDeviceTrust = { url: "", devices, calls, failing: false, seed, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      const credential = credentialOfRequest(gatewaySecret, "device-trust", request, body);
      if (!credential) return reply(401, { errors: [{ message: "This service answers only the gateway." }] });
      if (fake.failing) return reply(503, { errors: [{ message: "down" }] });
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, string> };
      if (query.trimStart().startsWith("mutation")) {
        if (usedNonces.has(credential.nonce)) return reply(401, { errors: [{ message: "This service answers only the gateway." }] });
        usedNonces.add(credential.nonce);
      }
      const call = (field: string) => {
        calls.push({ field, caller: credential.caller, purpose: credential.purpose, variables });
        return credential.purpose === field;
      };
      const forbidden = () => reply(200, { data: null, errors: [{ message: "This field is for internal calls only.", extensions: { code: "FORBIDDEN" } }] });
      if (query.includes("registerDevice(")) {
        if (!call("registerDevice")) return forbidden();
        const device = seed(variables.userId, variables.name, variables.platform);
        const { id, name, platform, registeredAt, lastUsedAt } = device;
        return reply(200, { data: { registerDevice: { deviceToken: device.token, device: { id, name, platform, registeredAt, lastUsedAt } } } });
      }
      if (query.includes("trustedDevice(") && !query.includes("useTrustedDevice(")) {
        if (!call("trustedDevice")) return forbidden();
        const device = devices.find((candidate) => candidate.token === variables.deviceToken && candidate.userId === variables.userId);
        return reply(200, { data: { trustedDevice: device ? { id: device.id, name: device.name } : null } });
      }
      if (query.includes("useTrustedDevice(")) {
        if (!call("useTrustedDevice")) return forbidden();
        const device = devices.find((candidate) => candidate.token === variables.deviceToken && candidate.userId === variables.userId);
        if (device) device.lastUsedAt = new Date().toISOString();
        return reply(200, { data: { useTrustedDevice: device?.id ?? null } });
      }
      return reply(400, { errors: [{ message: "unknown operation" }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
