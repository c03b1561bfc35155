import { randomUUID } from "node:crypto";
import { migrate } from "@oa/platform";
import { createTestDatabase, type TestDatabase } from "@oa/platform/testing";
import type { DataSource } from "typeorm";
import { createDeviceTrustDataSource, DEVICE_TRUST_SCHEMA } from "../../data/data-source";
import { DevicePlatform } from "./device-platform";
import { createDeviceLoader, createUserDevicesLoader } from "./device.loader";
import { DeviceService } from "./device.service";

describe("device loaders", () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let statements: string[] = [];
  const devices = () => new DeviceService(dataSource);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDeviceTrustDataSource(database.url, { onQuery: (sql) => statements.push(sql) });
    await dataSource.initialize();
    await migrate(dataSource, DEVICE_TRUST_SCHEMA);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it("loads the devices of many users in one statement, each user's newest first", async () => {
    const users = Array.from({ length: 5 }, () => randomUUID());
    const registered = new Map<string, string[]>();
    for (const [index, userId] of users.entries()) {
      const ids: string[] = [];
      // 0 to 4 devices per user.
      for (let n = 0; n < index; n++) ids.push((await devices().register(userId, `Device ${n}`, DevicePlatform.WEB)).device.id);
      registered.set(userId, ids.reverse());
    }

    statements = [];
    const loader = createUserDevicesLoader(dataSource);
    const lists = await Promise.all([...users, "not-a-uuid", users[0].toUpperCase(), users[4].toUpperCase()].map((id) => loader.load(id)));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/ORDER BY .*registered_at.* DESC/);
    expect(lists.slice(0, 5).map((list) => list.map((device) => device.id))).toEqual(users.map((userId) => registered.get(userId)));
    expect(lists[5]).toEqual([]);
    expect(lists[6]).toEqual([]);
    expect(lists[7].map((device) => device.id)).toEqual(registered.get(users[4]));
  });

  it("makes no statement when no key could match", async () => {
    statements = [];
    expect(await createUserDevicesLoader(dataSource).loadMany(["x", "y"])).toEqual([[], []]);
    expect(await createDeviceLoader(dataSource, randomUUID()).load("x")).toBeNull();
    expect(await createDeviceLoader(dataSource, null).load(randomUUID())).toBeNull();
    expect(statements).toEqual([]);
  });

  it("loads the owner's devices by id in one statement, null for unknown ones and anyone else's", async () => {
    const userId = randomUUID();
    const a = (await devices().register(userId, "A", DevicePlatform.IOS)).device;
    const b = (await devices().register(userId, "B", DevicePlatform.ANDROID)).device;
    const someoneElses = (await devices().register(randomUUID(), "C", DevicePlatform.WEB)).device;

    statements = [];
    const loader = createDeviceLoader(dataSource, userId);
    const found = await Promise.all([b.id, randomUUID(), a.id, a.id.toUpperCase(), someoneElses.id].map((id) => loader.load(id)));
    expect(statements).toHaveLength(1);
    expect(found.map((device) => device?.name ?? null)).toEqual(["B", null, "A", "A", null]);
    expect(found[0]).toEqual(b);
  });
});
