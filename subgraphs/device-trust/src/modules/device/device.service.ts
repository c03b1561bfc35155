import { badUserInput, DEVICE_NAME_RULE, isUuid, normaliseDeviceName } from "@oa/platform";
import type { DataSource } from "typeorm";
import type { DevicePlatform } from "./device-platform";
import type { DeviceRegistration } from "./device-registration.type";
import { hashDeviceToken, isWellFormedDeviceToken, newDeviceToken } from "./device-token";
import { DeviceEntity } from "./device.entity";
import { toDevice } from "./device.type";

/** Registers, checks and removes devices. Each change is one SQL statement, so it is atomic. */
export class DeviceService {
  constructor(private readonly dataSource: DataSource) {}

  /** Registers a device for a user; the token is returned here only. */
  async register(userId: string, name: string, platform: DevicePlatform): Promise<DeviceRegistration> {
    if (!isUuid(userId)) throw badUserInput("userId is not a user id.");
    const storedName = normaliseDeviceName(name);
    if (storedName === null) throw badUserInput(`A device name is ${DEVICE_NAME_RULE}.`);
    const deviceToken = newDeviceToken();
    const repository = this.dataSource.getRepository(DeviceEntity);
    const device = repository.create({ userId, name: storedName, platform, tokenHash: hashDeviceToken(deviceToken), lastUsedAt: null });
    // INSERT ... RETURNING fills in the generated id and registered_at.
    await repository.insert(device);
    return { deviceToken, device: toDevice(device) };
  }

  /** The device (id and name) when `deviceToken` is a live registration of `userId`, else null; changes nothing. */
  async findTrusted(userId: string, deviceToken: string): Promise<{ id: string; name: string } | null> {
    if (!isUuid(userId) || !isWellFormedDeviceToken(deviceToken)) return null;
    const row = await this.dataSource.getRepository(DeviceEntity).findOne({ select: { id: true, name: true }, where: { tokenHash: hashDeviceToken(deviceToken), userId } });
    return row ? { id: row.id, name: row.name } : null;
  }

  /** The ids of the user's registered devices; none for an id that is not a uuid. */
  async idsOf(userId: string): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.dataSource.getRepository(DeviceEntity).find({ select: { id: true }, where: { userId } });
    return rows.map((row) => row.id);
  }

  /**
   * The device id when `deviceToken` is a live registration of `userId`, stamping its last use in
   * the same statement; null otherwise. A token never works for another user.
   */
  async useTrusted(userId: string, deviceToken: string): Promise<string | null> {
    if (!isUuid(userId) || !isWellFormedDeviceToken(deviceToken)) return null;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(DeviceEntity)
      .set({ lastUsedAt: () => "now()" })
      .where("token_hash = :tokenHash AND user_id = :userId", { tokenHash: hashDeviceToken(deviceToken), userId })
      .returning("id")
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The device (id and name) when it is `userId`'s; null for anyone else's or an unknown one. */
  async findOwned(userId: string, deviceId: string): Promise<{ id: string; name: string } | null> {
    if (!isUuid(deviceId) || !isUuid(userId)) return null;
    const row = await this.dataSource.getRepository(DeviceEntity).findOne({ select: { id: true, name: true }, where: { id: deviceId.toLowerCase(), userId } });
    return row ? { id: row.id, name: row.name } : null;
  }

  /** Deletes the device if it is `userId`'s; false for anyone else's or an unknown one. */
  async remove(userId: string, deviceId: string): Promise<boolean> {
    if (!isUuid(deviceId) || !isUuid(userId)) return false;
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(DeviceEntity)
      .where("id = :deviceId AND user_id = :userId", { deviceId, userId })
      .returning("id")
      .execute();
    return (result.raw as { id: string }[]).length === 1;
  }
}
