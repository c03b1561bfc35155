import { isUuid } from "@oa/platform";
import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";
import { DeviceEntity } from "./device.entity";
import { type Device, toDevice } from "./device.type";

/**
 * Devices by id as `ownerId` (the session's user) has them: null for an unknown id, anyone else's
 * device, or no session. One statement per batch (`_entities` look-ups of Device).
 */
export function createDeviceLoader(dataSource: DataSource, ownerId: string | null): DataLoader<string, Device | null> {
  return new DataLoader(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length && ownerId !== null && isUuid(ownerId) ? await dataSource.getRepository(DeviceEntity).findBy({ id: In(valid), userId: ownerId }) : [];
    // PostgreSQL prints uuids in lower case whatever case they were asked in.
    const byId = new Map(rows.map((row) => [row.id, toDevice(row)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** Each user's devices, newest first (id breaks ties), one statement per batch of users. */
export function createUserDevicesLoader(dataSource: DataSource): DataLoader<string, Device[]> {
  return new DataLoader(async (userIds) => {
    const valid = userIds.filter(isUuid);
    const rows = valid.length
      ? await dataSource.getRepository(DeviceEntity).find({
          where: { userId: In(valid) },
          order: { registeredAt: "DESC", id: "DESC" },
        })
      : [];
    const byUser = new Map<string, Device[]>();
    for (const row of rows) {
      const devices = byUser.get(row.userId) ?? [];
      devices.push(toDevice(row));
      byUser.set(row.userId, devices);
    }
    return userIds.map((userId) => byUser.get(userId.toLowerCase()) ?? []);
  });
}
