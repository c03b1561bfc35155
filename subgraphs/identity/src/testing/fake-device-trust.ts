import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential } from "@oa/platform";

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
 * docs/architecture.md describes them, refusing calls without the gateway credential.
 */
export interface FakeDeviceTrust {
  url: string;
  devices: FakeDevice[];
  /** Every call, by field name, with the credential's caller. */
  calls: { field: string; caller: string; variables: Record<string, unknown> }[];
  /** While true, every call answers 503. */
  failing: boolean;
  /** Registers a device directly, as an earlier step-up would have. */
  seed(userId: string, name?: string): FakeDevice;
  close(): Promise<void>;
}

export async function startFakeDeviceTrust(gatewaySecret: string): Promise<FakeDeviceTrust> {
  const devices: FakeDevice[] = [];
  const calls: FakeDeviceTrust["calls"] = [];
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
      const header = request.headers[GATEWAY_CREDENTIAL_HEADER];
      const credential = verifyGatewayCredential(gatewaySecret, Array.isArray(header) ? header[0] : header);
      if (!credential) return reply(401, { errors: [{ message: "This service answers only the gateway." }] });
      if (fake.failing) return reply(503, { errors: [{ message: "down" }] });
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, string> };
      if (query.includes("registerDevice(")) {
        calls.push({ field: "registerDevice", caller: credential.caller, variables });
        const device = seed(variables.userId, variables.name, variables.platform);
        const { id, name, platform, registeredAt, lastUsedAt } = device;
        return reply(200, { data: { registerDevice: { deviceToken: device.token, device: { id, name, platform, registeredAt, lastUsedAt } } } });
      }
      if (query.includes("trustedDevice(") && !query.includes("useTrustedDevice(")) {
        calls.push({ field: "trustedDevice", caller: credential.caller, variables });
        const device = devices.find((candidate) => candidate.token === variables.deviceToken && candidate.userId === variables.userId);
        return reply(200, { data: { trustedDevice: device?.id ?? null } });
      }
      if (query.includes("useTrustedDevice(")) {
        calls.push({ field: "useTrustedDevice", caller: credential.caller, variables });
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
