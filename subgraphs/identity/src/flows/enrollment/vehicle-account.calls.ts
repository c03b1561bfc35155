import type { InternalClient } from "@oa/platform";

/** vehicle-account's answer for an Auto enrollment: the account, and whether it may be enrolled. */
export interface EnrollmentAccountCheck {
  accountId: string;
  eligible: boolean;
  reason: string | null;
}

const CHECK = `query EnrollmentAccountCheck($customerId: ID!, $accountNumber: String, $vin: String) {
  enrollmentAccountCheck(customerId: $customerId, accountNumber: $accountNumber, vin: $vin) { accountId eligible reason }
}`;
const ADD_TO_SNAPSHOT = `mutation AddToSnapshot($userId: ID!, $accountId: ID!) { addToSnapshot(userId: $userId, accountId: $accountId) }`;
const CLEAR_SNAPSHOT = `mutation ClearSnapshot($userId: ID!) { clearSnapshot(userId: $userId) }`;

/** vehicle-account's internal fields an Auto enrollment calls (each call signed for its one field: decision 0002). */
export class VehicleAccountCalls {
  constructor(private readonly client: InternalClient) {}

  /** The vehicle account with that number or VIN that lists the customer as a holder; null when there is none. */
  async checkEnrollmentAccount(customerId: string, account: { accountNumber: string | null; vin: string | null }): Promise<EnrollmentAccountCheck | null> {
    const data = await this.client.request<{ enrollmentAccountCheck: EnrollmentAccountCheck | null }>(CHECK, { customerId, ...account });
    return data.enrollmentAccountCheck;
  }

  /** Puts the account on the user's Snapshot; throws unless vehicle-account confirms it. */
  async addToSnapshot(userId: string, accountId: string): Promise<void> {
    const data = await this.client.request<{ addToSnapshot: boolean }>(ADD_TO_SNAPSHOT, { userId, accountId });
    if (data.addToSnapshot !== true) throw new Error("vehicle-account did not put the account on the Snapshot");
  }

  /** Empties the user's Snapshot: the undo of `addToSnapshot` for an enrollment that failed. */
  async clearSnapshot(userId: string): Promise<void> {
    await this.client.request<{ clearSnapshot: boolean }>(CLEAR_SNAPSHOT, { userId });
  }
}
