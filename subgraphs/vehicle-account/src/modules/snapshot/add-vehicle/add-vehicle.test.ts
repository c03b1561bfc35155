import type { VehicleAccountRecord } from "@oa/platform";
import { customerId, SNAPSHOT_ENTITIES, sessionFor, userId, VEHICLE_ACCOUNT_FIELDS, type VehicleAccountResult, vehicleRecord } from "../../../testing/fixtures";
import { startTestSubgraph, type TestSubgraph } from "../../../testing/subgraph";

const ADD_VEHICLE = `
  mutation AddVehicle($input: AddVehicleInput!) {
    addVehicle(input: $input) {
      __typename
      ... on VehicleAdded { account { ${VEHICLE_ACCOUNT_FIELDS} } }
      ... on AddVehicleRejected { code message reason }
    }
  }
`;

type AddVehicleAnswer = { __typename: "VehicleAdded"; account: VehicleAccountResult } | { __typename: "AddVehicleRejected"; code: string; message: string; reason: string | null };

describe("addVehicle", () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph();
  });

  afterAll(async () => {
    await subgraph.close();
  });

  /** A signed-in person with the given accounts on file (they are the primary holder unless a record says otherwise). */
  async function person(records: (customer: string) => VehicleAccountRecord[] = () => []) {
    const customer = customerId();
    const user = userId();
    const held = records(customer);
    if (held.length > 0) await subgraph.importRecords(held);
    return { customer, user, session: sessionFor(user, customer), records: held };
  }

  async function addVehicle(session: ReturnType<typeof sessionFor>, input: Record<string, unknown>): Promise<AddVehicleAnswer> {
    const { body } = await subgraph.call<{ addVehicle: AddVehicleAnswer }>(ADD_VEHICLE, { input }, session);
    expect(body.errors).toBeUndefined();
    return body.data!.addVehicle;
  }

  async function snapshotIds(who: { user: string; customer: string; session: ReturnType<typeof sessionFor> }) {
    const { body } = await subgraph.call<{ _entities: { vehicleAccounts: VehicleAccountResult[] }[] }>(
      SNAPSHOT_ENTITIES,
      { representations: [{ __typename: "User", id: who.user, customerId: who.customer }] },
      who.session,
    );
    return body.data!._entities[0].vehicleAccounts.map((account) => account.accountNumberLast4);
  }

  const primary = (customer: string) => [{ customerId: customer, role: "PRIMARY" as const }];

  it("needs a session", async () => {
    const { body } = await subgraph.call(ADD_VEHICLE, { input: { accountNumber: "AV-0000000101" } }, null);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("adds an account the user holds, by account number, and shows it on the Snapshot", async () => {
    const me = await person((customer) => [vehicleRecord({ make: "Honda", model: "Civic", year: 2022, holders: primary(customer) })]);
    const [record] = me.records;
    expect(await addVehicle(me.session, { accountNumber: record.accountNumber })).toEqual({
      __typename: "VehicleAdded",
      account: {
        id: expect.any(String),
        accountNumberLast4: record.accountNumber.slice(-4),
        vehicle: { year: 2022, make: "Honda", model: "Civic", vinLast6: record.vin.slice(-6) },
        creditor: "Ally Financial",
        contract: "RETAIL_INSTALLMENT",
        status: "ACTIVE",
        holderRole: "PRIMARY",
        snapshotEligibility: { eligible: true, reason: null },
      },
    });
    expect(await snapshotIds(me)).toEqual([record.accountNumber.slice(-4)]);
  });

  it("adds an account the user holds jointly, by VIN typed in lower case", async () => {
    const other = customerId();
    const me = await person((customer) => [
      vehicleRecord({
        holders: [
          { customerId: other, role: "PRIMARY" },
          { customerId: customer, role: "JOINT" },
        ],
      }),
    ]);
    const answer = await addVehicle(me.session, { vin: me.records[0].vin.toLowerCase(), accountNumber: "  " });
    expect(answer).toMatchObject({ __typename: "VehicleAdded", account: { holderRole: "JOINT" } });
  });

  it("answers ALREADY_ADDED for an account on the Snapshot", async () => {
    const me = await person((customer) => [vehicleRecord({ holders: primary(customer) })]);
    expect((await addVehicle(me.session, { vin: me.records[0].vin })).__typename).toBe("VehicleAdded");
    expect(await addVehicle(me.session, { accountNumber: me.records[0].accountNumber })).toEqual({
      __typename: "AddVehicleRejected",
      code: "ALREADY_ADDED",
      message: expect.any(String),
      reason: null,
    });
    expect(await snapshotIds(me)).toHaveLength(1);
  });

  it("adds the same account once when it is added in parallel", async () => {
    const me = await person((customer) => [vehicleRecord({ holders: primary(customer) })]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => addVehicle(me.session, { accountNumber: me.records[0].accountNumber })));
    const outcomes = answers.map((answer) => (answer.__typename === "VehicleAdded" ? "added" : answer.code));
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "ALREADY_ADDED")).toHaveLength(9);
    expect(await snapshotIds(me)).toHaveLength(1);
  });

  it("answers NOT_VERIFIED alike for an unknown account and for someone else's", async () => {
    const me = await person();
    const theirs = await person((customer) => [vehicleRecord({ holders: primary(customer) })]);
    const unknown = await addVehicle(me.session, { accountNumber: "AV-9999999999" });
    const someoneElses = await addVehicle(me.session, { accountNumber: theirs.records[0].accountNumber });
    const someoneElsesVin = await addVehicle(me.session, { vin: theirs.records[0].vin });
    expect(unknown).toMatchObject({ __typename: "AddVehicleRejected", code: "NOT_VERIFIED", reason: null });
    expect(someoneElses).toEqual(unknown);
    expect(someoneElsesVin).toEqual(unknown);
    expect(await snapshotIds(me)).toEqual([]);
  });

  it.each([
    [{ status: "PAID_IN_FULL" }, "PAID_IN_FULL"],
    [{ status: "VEHICLE_RETURNED", contract: "SMARTLEASE" }, "LEASE_VEHICLE_RETURNED"],
    [{ status: "CLOSED" }, "ACCOUNT_CLOSED"],
    [{ status: "CANCELED", contract: "BALLOON" }, "ACCOUNT_CANCELED"],
    [{ creditor: "Riverside Motor Credit" }, "CREDITOR_NOT_AUTHORIZED"],
  ] as [Partial<VehicleAccountRecord>, string][])("answers INELIGIBLE_ACCOUNT for %j with reason %s, and does not add it", async (overrides, reason) => {
    const me = await person((customer) => [vehicleRecord({ ...overrides, holders: primary(customer) })]);
    const answer = await addVehicle(me.session, { accountNumber: me.records[0].accountNumber });
    expect(answer).toEqual({ __typename: "AddVehicleRejected", code: "INELIGIBLE_ACCOUNT", message: expect.any(String), reason });
    expect(await snapshotIds(me)).toEqual([]);
  });

  it("adds a returned vehicle that was not on a SmartLease, and matches the creditor without regard to case", async () => {
    const me = await person((customer) => [
      vehicleRecord({ status: "VEHICLE_RETURNED", contract: "RETAIL_INSTALLMENT", holders: primary(customer) }),
      vehicleRecord({ status: "VEHICLE_RETURNED", contract: "BALLOON", creditor: "NUVELL CREDIT COMPANY", holders: primary(customer) }),
    ]);
    for (const record of me.records) {
      expect(await addVehicle(me.session, { accountNumber: record.accountNumber })).toMatchObject({
        __typename: "VehicleAdded",
        account: { status: "VEHICLE_RETURNED", snapshotEligibility: { eligible: true, reason: null } },
      });
    }
  });

  it("adds an account whose number has spaces, dots and slashes, matched exactly once trimmed", async () => {
    const me = await person((customer) => {
      const dotted = vehicleRecord({ holders: primary(customer) });
      const spaced = vehicleRecord({ holders: primary(customer) });
      return [
        { ...dotted, accountNumber: dotted.accountNumber.replace("AV-", "AV.").concat(".2") },
        { ...spaced, accountNumber: spaced.accountNumber.replace("AV-", "BK ").concat("/01") },
      ];
    });
    const [dotted, spaced] = me.records;
    // Account numbers are compared exactly: another case is another number.
    expect(await addVehicle(me.session, { accountNumber: spaced.accountNumber.toLowerCase() })).toMatchObject({ code: "NOT_VERIFIED" });
    for (const record of [dotted, spaced]) {
      expect(await addVehicle(me.session, { accountNumber: `  ${record.accountNumber} ` })).toMatchObject({ __typename: "VehicleAdded" });
    }
    expect(await snapshotIds(me)).toEqual([dotted.accountNumber.slice(-4), spaced.accountNumber.slice(-4)]);
  });

  it.each([
    [{}],
    [{ accountNumber: "", vin: " " }],
    [{ accountNumber: "AV.0030#2" }],
    [{ accountNumber: "9".repeat(35) }],
    [{ accountNumber: "AV-0000\u202E000101" }],
    [{ accountNumber: "AV-0000000101", vin: "1HGCV1F34MA000101" }],
    [{ vin: "1HGCV1F34MA00010" }],
    [{ vin: "1HGCV1F34MA00010O" }],
    [{ accountNumber: "9".repeat(200) }],
  ])("answers INVALID_INPUT for %j", async (input) => {
    const me = await person();
    expect(await addVehicle(me.session, input)).toMatchObject({ __typename: "AddVehicleRejected", code: "INVALID_INPUT", reason: null });
  });

  it("answers TOO_MANY_ATTEMPTS after 5 unverified tries, even for an account the user holds", async () => {
    const me = await person((customer) => [vehicleRecord({ holders: primary(customer) }), vehicleRecord({ holders: primary(customer) })]);
    // Verified adds do not count toward the limit.
    expect((await addVehicle(me.session, { accountNumber: me.records[0].accountNumber })).__typename).toBe("VehicleAdded");
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await addVehicle(me.session, { accountNumber: `AV-00000${attempt}` })).toMatchObject({ code: "NOT_VERIFIED" });
    }
    const blocked = await addVehicle(me.session, { accountNumber: me.records[1].accountNumber });
    expect(blocked).toMatchObject({ __typename: "AddVehicleRejected", code: "TOO_MANY_ATTEMPTS", reason: null });
    expect(blocked.__typename === "AddVehicleRejected" && blocked.message).toMatch(/15 minutes/);
    expect(await snapshotIds(me)).toHaveLength(1);

    // The limit is per user: another person is not affected.
    const other = await person((customer) => [vehicleRecord({ holders: primary(customer) })]);
    expect((await addVehicle(other.session, { accountNumber: other.records[0].accountNumber })).__typename).toBe("VehicleAdded");
  });

  it("lets no more than 5 unverified look-ups through a burst of 20 parallel tries", async () => {
    const me = await person();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => addVehicle(me.session, { accountNumber: `AV-77${index}` })));
    const codes = answers.map((answer) => (answer.__typename === "AddVehicleRejected" ? answer.code : "ADDED"));
    expect(codes.filter((code) => code === "NOT_VERIFIED")).toHaveLength(5);
    expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(15);
  });

  it("counts each alias in one document as an attempt", async () => {
    const me = await person();
    const aliases = Array.from({ length: 7 }, (_, index) => `a${index}: addVehicle(input: { accountNumber: "AV-88${index}" }) { ... on AddVehicleRejected { code } }`);
    const { body } = await subgraph.call<Record<string, { code: string }>>(`mutation { ${aliases.join("\n")} }`, {}, me.session);
    expect(Object.values(body.data!).map((answer) => answer.code)).toEqual([
      "NOT_VERIFIED",
      "NOT_VERIFIED",
      "NOT_VERIFIED",
      "NOT_VERIFIED",
      "NOT_VERIFIED",
      "TOO_MANY_ATTEMPTS",
      "TOO_MANY_ATTEMPTS",
    ]);
  });
});
