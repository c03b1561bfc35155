import { postGraphQL } from "@oa/platform/testing";
import { customerId, SNAPSHOT_ENTITIES, sessionFor, userId, VEHICLE_ACCOUNT_FIELDS, type VehicleAccountResult, vehicleRecord } from "./testing/fixtures";
import { startTestSubgraph, type TestSubgraph } from "./testing/subgraph";

const CHECK = `
  query ($customerId: ID!, $accountNumber: String, $vin: String) {
    enrollmentAccountCheck(customerId: $customerId, accountNumber: $accountNumber, vin: $vin) { accountId eligible reason }
  }
`;
const ADD_TO_SNAPSHOT = `mutation ($userId: ID!, $accountId: ID!) { addToSnapshot(userId: $userId, accountId: $accountId) }`;
const CLEAR_SNAPSHOT = `mutation ($userId: ID!) { clearSnapshot(userId: $userId) }`;

type Snapshot = { _entities: ({ id: string; vehicleAccounts: VehicleAccountResult[] } | null)[] };

describe("vehicle-account subgraph", () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph();
  });

  afterAll(async () => {
    await subgraph.close();
  });

  /** The Snapshot of `user` (with their customer id), asked with `session`. */
  async function snapshotOf(user: string, customer: string, session = sessionFor(user, customer)) {
    const { body } = await subgraph.call<Snapshot>(SNAPSHOT_ENTITIES, { representations: [{ __typename: "User", id: user, customerId: customer }] }, session);
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0]!.vehicleAccounts;
  }

  async function addToSnapshot(user: string, accountId: string) {
    const { body } = await subgraph.callAsIdentity<{ addToSnapshot: boolean }>(ADD_TO_SNAPSHOT, { userId: user, accountId });
    expect(body.errors).toBeUndefined();
    return body.data!.addToSnapshot;
  }

  async function check(variables: Record<string, unknown>) {
    const { body } = await subgraph.callAsIdentity<{ enrollmentAccountCheck: { accountId: string; eligible: boolean; reason: string | null } | null }>(CHECK, variables);
    expect(body.errors).toBeUndefined();
    return body.data!.enrollmentAccountCheck;
  }

  async function idOf(accountNumber: string): Promise<string> {
    const [row] = await subgraph.service.dataSource.query(`SELECT id FROM vehicle_account.vehicle_accounts WHERE account_number = $1`, [accountNumber]);
    return row.id;
  }

  describe("the service", () => {
    it("refuses a request without the gateway credential with 401", async () => {
      const { status } = await postGraphQL(subgraph.running.url, "{ __typename }");
      expect(status).toBe(401);
    });

    it("serves /healthz and /readyz", async () => {
      const base = subgraph.running.url.replace("/graphql", "");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { database: "up", redis: "up" } });
    });
  });

  describe("enrollmentAccountCheck (internal)", () => {
    const [primary, joint, stranger] = [customerId(), customerId(), customerId()];
    const eligible = vehicleRecord({
      holders: [
        { customerId: primary, role: "PRIMARY" },
        { customerId: joint, role: "JOINT" },
      ],
    });
    const paidOff = vehicleRecord({ status: "PAID_IN_FULL", holders: [{ customerId: primary, role: "PRIMARY" }] });
    const otherCreditor = vehicleRecord({ creditor: "Riverside Motor Credit", holders: [{ customerId: primary, role: "PRIMARY" }] });
    const slashed = vehicleRecord({ holders: [{ customerId: primary, role: "PRIMARY" }] });
    slashed.accountNumber = slashed.accountNumber.replace("AV-", "BK ").concat("/01");

    beforeAll(async () => {
      await subgraph.importRecords([eligible, paidOff, otherCreditor, slashed]);
    });

    it("finds an account whose number has spaces and slashes, exactly as imported once trimmed", async () => {
      expect(await check({ customerId: primary, accountNumber: ` ${slashed.accountNumber} ` })).toMatchObject({ accountId: await idOf(slashed.accountNumber) });
      expect(await check({ customerId: primary, accountNumber: slashed.accountNumber.toLowerCase() })).toBeNull();
    });

    it("finds the primary holder's account by number", async () => {
      expect(await check({ customerId: primary, accountNumber: eligible.accountNumber })).toEqual({
        accountId: await idOf(eligible.accountNumber),
        eligible: true,
        reason: null,
      });
    });

    it("finds it by VIN, typed in lower case with spaces", async () => {
      expect(await check({ customerId: primary, vin: ` ${eligible.vin.toLowerCase()} ` })).toMatchObject({ accountId: await idOf(eligible.accountNumber), eligible: true });
    });

    it("finds it for the joint holder", async () => {
      expect(await check({ customerId: joint, vin: eligible.vin })).toMatchObject({ accountId: await idOf(eligible.accountNumber) });
    });

    it("answers null for a customer who does not hold it, an unknown account or a malformed VIN", async () => {
      expect(await check({ customerId: stranger, accountNumber: eligible.accountNumber })).toBeNull();
      expect(await check({ customerId: joint, accountNumber: paidOff.accountNumber })).toBeNull();
      expect(await check({ customerId: primary, accountNumber: "AV-9999999999" })).toBeNull();
      expect(await check({ customerId: primary, vin: "1HGCV1F34MA00010Q" })).toBeNull();
      expect(await check({ customerId: primary, accountNumber: "AV.0030#2" })).toBeNull();
    });

    it("says why an account is not eligible", async () => {
      expect(await check({ customerId: primary, accountNumber: paidOff.accountNumber })).toMatchObject({ eligible: false, reason: "PAID_IN_FULL" });
      expect(await check({ customerId: primary, vin: otherCreditor.vin })).toMatchObject({ eligible: false, reason: "CREDITOR_NOT_AUTHORIZED" });
    });

    it("answers many checks in one request with one statement", async () => {
      subgraph.statements.length = 0;
      const { body } = await subgraph.callAsIdentity<Record<string, { reason: string | null } | null>>(
        `query ($primary: ID!, $joint: ID!) {
          a: enrollmentAccountCheck(customerId: $primary, accountNumber: "${eligible.accountNumber}") { reason }
          b: enrollmentAccountCheck(customerId: $primary, vin: "${paidOff.vin}") { reason }
          c: enrollmentAccountCheck(customerId: $joint, accountNumber: "${paidOff.accountNumber}") { reason }
          d: enrollmentAccountCheck(customerId: $joint, vin: "${eligible.vin}") { reason }
        }`,
        { primary, joint },
      );
      expect(body.data).toEqual({ a: { reason: null }, b: { reason: "PAID_IN_FULL" }, c: null, d: { reason: null } });
      expect(subgraph.statements).toHaveLength(1);
    });

    it("refuses both or neither of account number and VIN as BAD_USER_INPUT", async () => {
      for (const variables of [{ customerId: primary }, { customerId: primary, accountNumber: eligible.accountNumber, vin: eligible.vin }]) {
        const { body } = await subgraph.callAsIdentity(CHECK, variables);
        expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      }
    });
  });

  describe("addToSnapshot and clearSnapshot (internal)", () => {
    const customer = customerId();
    const record = vehicleRecord({ holders: [{ customerId: customer, role: "PRIMARY" }] });

    beforeAll(async () => {
      await subgraph.importRecords([record]);
    });

    it("adds an account once however often it is called, and clears the Snapshot", async () => {
      const user = userId();
      const accountId = await idOf(record.accountNumber);
      expect(await addToSnapshot(user, accountId)).toBe(true);
      expect(await addToSnapshot(user, accountId)).toBe(true);
      expect((await snapshotOf(user, customer)).map((account) => account.id)).toEqual([accountId]);

      const { body } = await subgraph.callAsIdentity(CLEAR_SNAPSHOT, { userId: user });
      expect(body).toEqual({ data: { clearSnapshot: true } });
      expect(await snapshotOf(user, customer)).toEqual([]);
    });

    it("answers a gateway-signed call to an internal field with FORBIDDEN and changes nothing", async () => {
      const [user, planted] = [userId(), userId()];
      const accountId = await idOf(record.accountNumber);
      expect(await addToSnapshot(user, accountId)).toBe(true);
      const session = sessionFor(user, customer);

      for (const [query, variables] of [
        [ADD_TO_SNAPSHOT, { userId: planted, accountId }],
        [CLEAR_SNAPSHOT, { userId: user }],
        [CHECK, { customerId: customer, accountNumber: record.accountNumber }],
      ] as const) {
        const { body } = await subgraph.call<Record<string, unknown>>(query, variables, session);
        // Null all the way up for the non-null mutations; the nullable query field alone is null.
        expect(Object.values(body.data ?? {}).every((value) => value === null)).toBe(true);
        expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
      }

      const rows = await subgraph.service.dataSource.query(`SELECT user_id FROM vehicle_account.snapshot_entries WHERE user_id = ANY($1::uuid[])`, [[user, planted]]);
      expect(rows).toEqual([{ user_id: user }]);
    });

    it("answers false for an unknown account", async () => {
      expect(await addToSnapshot(userId(), userId())).toBe(false);
      expect(await addToSnapshot(userId(), "not-an-id")).toBe(false);
    });
  });

  describe("User.vehicleAccounts", () => {
    const [primary, joint] = [customerId(), customerId()];
    const first = vehicleRecord({
      year: 2021,
      make: "Honda",
      model: "Accord",
      holders: [
        { customerId: primary, role: "PRIMARY" },
        { customerId: joint, role: "JOINT" },
      ],
    });
    const second = vehicleRecord({
      year: 2019,
      make: "Suzuki",
      model: "Grand Vitara",
      creditor: "american suzuki financial services",
      contract: "SMARTLEASE",
      status: "VEHICLE_RETURNED",
      holders: [{ customerId: primary, role: "PRIMARY" }],
    });
    const jointUser = userId();
    const primaryUser = userId();

    beforeAll(async () => {
      await subgraph.importRecords([first, second]);
      await addToSnapshot(primaryUser, await idOf(first.accountNumber));
      await addToSnapshot(primaryUser, await idOf(second.accountNumber));
      await addToSnapshot(jointUser, await idOf(first.accountNumber));
    });

    it("lists the Snapshot in the order it was added, masked, with eligibility and the user's role", async () => {
      expect(await snapshotOf(primaryUser, primary)).toEqual([
        {
          id: await idOf(first.accountNumber),
          accountNumberLast4: first.accountNumber.slice(-4),
          vehicle: { year: 2021, make: "Honda", model: "Accord", vinLast6: first.vin.slice(-6) },
          creditor: "Ally Financial",
          contract: "RETAIL_INSTALLMENT",
          status: "ACTIVE",
          holderRole: "PRIMARY",
          snapshotEligibility: { eligible: true, reason: null },
        },
        {
          id: await idOf(second.accountNumber),
          accountNumberLast4: second.accountNumber.slice(-4),
          vehicle: { year: 2019, make: "Suzuki", model: "Grand Vitara", vinLast6: second.vin.slice(-6) },
          creditor: "american suzuki financial services",
          contract: "SMARTLEASE",
          status: "VEHICLE_RETURNED",
          holderRole: "PRIMARY",
          snapshotEligibility: { eligible: false, reason: "LEASE_VEHICLE_RETURNED" },
        },
      ]);
    });

    it("gives the joint holder their own role", async () => {
      expect((await snapshotOf(jointUser, joint)).map((account) => account.holderRole)).toEqual(["JOINT"]);
    });

    it("never shows the full account number or VIN", async () => {
      const { body } = await subgraph.call(
        SNAPSHOT_ENTITIES,
        { representations: [{ __typename: "User", id: primaryUser, customerId: primary }] },
        sessionFor(primaryUser, primary),
      );
      const text = JSON.stringify(body);
      expect(text).not.toContain(first.accountNumber);
      expect(text).not.toContain(first.vin);
    });

    it("serves only the session user's Snapshot", async () => {
      expect(await snapshotOf(primaryUser, primary, sessionFor(jointUser, joint))).toEqual([]);
      const { body } = await subgraph.call<Snapshot>(SNAPSHOT_ENTITIES, { representations: [{ __typename: "User", id: primaryUser, customerId: primary }] }, null);
      expect(body.data!._entities[0]!.vehicleAccounts).toEqual([]);
    });

    it("takes the customer from the session, never from the representation's customerId", async () => {
      // The joint holder's user, claiming to be the primary holder's customer: still their own role.
      expect((await snapshotOf(jointUser, primary, sessionFor(jointUser, joint))).map((account) => account.holderRole)).toEqual(["JOINT"]);
      expect(await snapshotOf(primaryUser, primary, sessionFor(primaryUser, customerId()))).toEqual([]);
    });

    it("answers several users in one request, each with their own role", async () => {
      const { body } = await subgraph.call<Snapshot>(
        SNAPSHOT_ENTITIES,
        {
          representations: [
            { __typename: "User", id: primaryUser, customerId: primary },
            { __typename: "User", id: jointUser, customerId: joint },
          ],
        },
        sessionFor(primaryUser, primary),
      );
      expect(body.data!._entities.map((user) => user!.vehicleAccounts.length)).toEqual([2, 0]);
    });

    it("recomputes eligibility from the account as it is now, after a re-import", async () => {
      await subgraph.importRecords([{ ...first, status: "CLOSED" }]);
      expect((await snapshotOf(primaryUser, primary))[0]).toMatchObject({ status: "CLOSED", snapshotEligibility: { eligible: false, reason: "ACCOUNT_CLOSED" } });
      await subgraph.importRecords([{ ...first, creditor: "Riverside Motor Credit" }]);
      expect((await snapshotOf(primaryUser, primary))[0]).toMatchObject({
        status: "ACTIVE",
        snapshotEligibility: { eligible: false, reason: "CREDITOR_NOT_AUTHORIZED" },
      });
      await subgraph.importRecords([first]);
      expect((await snapshotOf(primaryUser, primary))[0].snapshotEligibility).toEqual({ eligible: true, reason: null });
    });

    it("drops an account from the Snapshot of a customer the records no longer list as its holder", async () => {
      await subgraph.importRecords([{ ...first, holders: [{ customerId: primary, role: "PRIMARY" }] }]);
      expect(await snapshotOf(jointUser, joint)).toEqual([]);
      await subgraph.importRecords([first]);
      expect((await snapshotOf(jointUser, joint)).map((account) => account.holderRole)).toEqual(["JOINT"]);
    });
  });

  describe("VehicleAccount entities", () => {
    const [holder, stranger] = [customerId(), customerId()];
    const record = vehicleRecord({ holders: [{ customerId: holder, role: "PRIMARY" }] });
    const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on VehicleAccount { ${VEHICLE_ACCOUNT_FIELDS} } } }`;

    beforeAll(async () => {
      await subgraph.importRecords([record]);
    });

    it("resolves an account for its holder and for no one else", async () => {
      const id = await idOf(record.accountNumber);
      const representations = [
        { __typename: "VehicleAccount", id },
        { __typename: "VehicleAccount", id: "not-an-id" },
      ];
      const mine = await subgraph.call<{ _entities: (VehicleAccountResult | null)[] }>(ENTITIES, { representations }, sessionFor(userId(), holder));
      expect(mine.body.data!._entities).toEqual([expect.objectContaining({ id, holderRole: "PRIMARY", snapshotEligibility: { eligible: true, reason: null } }), null]);
      const theirs = await subgraph.call<{ _entities: (VehicleAccountResult | null)[] }>(ENTITIES, { representations }, sessionFor(userId(), stranger));
      expect(theirs.body.data!._entities).toEqual([null, null]);
    });
  });

  describe("SQL statements per Snapshot", () => {
    const customer = customerId();
    const oneUser = userId();
    const thirtyUser = userId();
    const records = Array.from({ length: 30 }, () => vehicleRecord({ holders: [{ customerId: customer, role: "PRIMARY" }] }));

    beforeAll(async () => {
      await subgraph.importRecords(records);
      await addToSnapshot(oneUser, await idOf(records[0].accountNumber));
      for (const record of records) await addToSnapshot(thirtyUser, await idOf(record.accountNumber));
    });

    async function countStatements(user: string): Promise<{ statements: number; accounts: number }> {
      subgraph.statements.length = 0;
      const accounts = await snapshotOf(user, customer);
      return { statements: subgraph.statements.length, accounts: accounts.length };
    }

    it("costs the same number of statements with 1 and with 30 vehicle accounts", async () => {
      const one = await countStatements(oneUser);
      const thirty = await countStatements(thirtyUser);
      expect(one.accounts).toBe(1);
      expect(thirty.accounts).toBe(30);
      expect(one.statements).toBe(1);
      expect(thirty.statements).toBe(one.statements);
    });
  });
});
