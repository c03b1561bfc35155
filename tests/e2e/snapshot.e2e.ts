// The Snapshot and addVehicle through the gateway, and the cost of a Snapshot in SQL statements.
import { DANA, FLEET, LUIS, SOLO, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

describe("the Snapshot", () => {
  let system: TestSystem;
  let dana: string;
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    dana = (await signIn(system, DANA, "dana.w")).accessToken;
  });
  afterAll(() => system.stop());

  const addVehicle = (input: Record<string, string>, token = dana) => system.run("AddVehicle", { input }, token);

  it("starts empty after a Bank enrollment", async () => {
    const { body } = await system.run("Snapshot", {}, dana);
    expect(body.data!.me.vehicleAccounts).toEqual([]);
  });

  it("adds an eligible account by number, then refuses it as ALREADY_ADDED", async () => {
    const added = (await addVehicle({ accountNumber: "AV-0000000101" })).body.data!.addVehicle;
    expect(added).toMatchObject({
      __typename: "VehicleAdded",
      account: { accountNumberLast4: "0101", holderRole: "PRIMARY", snapshotEligibility: { eligible: true, reason: null } },
    });
    const again = (await addVehicle({ vin: "1HGCV1F34MA000101" })).body.data!.addVehicle;
    expect(again).toMatchObject({ __typename: "AddVehicleRejected", code: "ALREADY_ADDED" });
  });

  it("adds a joint account with the JOINT role, and an authorized creditor matched without regard to case", async () => {
    const joint = (await addVehicle({ vin: "1HGCV1F34MA000108" })).body.data!.addVehicle;
    expect(joint).toMatchObject({ __typename: "VehicleAdded", account: { holderRole: "JOINT", creditor: "Nuvell Credit Company" } });
    // A returned vehicle on a contract other than SmartLease is not a reason.
    const balloon = (await addVehicle({ accountNumber: "AV-0000000107" })).body.data!.addVehicle;
    expect(balloon).toMatchObject({ __typename: "VehicleAdded", account: { status: "VEHICLE_RETURNED", snapshotEligibility: { eligible: true } } });
  });

  it.each([
    ["AV-0000000102", "LEASE_VEHICLE_RETURNED"],
    ["AV-0000000103", "PAID_IN_FULL"],
    ["AV-0000000104", "ACCOUNT_CLOSED"],
    ["AV-0000000105", "ACCOUNT_CANCELED"],
    ["AV-0000000106", "CREDITOR_NOT_AUTHORIZED"],
  ])("refuses ineligible %s with %s and does not add it", async (accountNumber, reason) => {
    const result = (await addVehicle({ accountNumber })).body.data!.addVehicle;
    expect(result).toMatchObject({ __typename: "AddVehicleRejected", code: "INELIGIBLE_ACCOUNT", reason });
  });

  it("answers NOT_VERIFIED alike for another person's account and an unknown one", async () => {
    const others = (await addVehicle({ accountNumber: "AV-0000000501" })).body.data!.addVehicle;
    const unknown = (await addVehicle({ accountNumber: "AV-9999999999" })).body.data!.addVehicle;
    expect(others).toMatchObject({ __typename: "AddVehicleRejected", code: "NOT_VERIFIED" });
    expect(unknown).toEqual({ ...others });
  });

  it.each([[{}], [{ accountNumber: "AV-0000000101", vin: "1HGCV1F34MA000101" }], [{ vin: "1HGCV1F34MA00010" }], [{ vin: "1HGCV1F34MA00010O" }]])(
    "answers INVALID_INPUT for %j",
    async (input) => {
      const result = (await addVehicle(input as Record<string, string>)).body.data!.addVehicle;
      expect(result).toMatchObject({ __typename: "AddVehicleRejected", code: "INVALID_INPUT" });
    },
  );

  it("needs a session", async () => {
    const { body } = await system.run("AddVehicle", { input: { accountNumber: "AV-0000000101" } });
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lists what was added, with eligibility computed from the account as it is now", async () => {
    const records = testRecords();
    const account = records.vehicleAccounts.find((a) => a.accountNumber === "AV-0000000101")!;
    account.status = "PAID_IN_FULL";
    await system.importRecords(records);
    const { body } = await system.run("Snapshot", {}, dana);
    const listed = body.data!.me.vehicleAccounts.map((a: { accountNumberLast4: string; snapshotEligibility: unknown }) => [a.accountNumberLast4, a.snapshotEligibility]);
    expect(listed).toEqual([
      ["0101", { eligible: false, reason: "PAID_IN_FULL" }],
      ["0108", { eligible: true, reason: null }],
      ["0107", { eligible: true, reason: null }],
    ]);
  });

  it("costs the same number of SQL statements with 1 and with 30 vehicle accounts", async () => {
    await enroll(system, SOLO, "sol.single", { accountType: "AUTO", accountNumber: "AV-0000000401" });
    await enroll(system, FLEET, "fran.fleet", { accountType: "AUTO", accountNumber: "AV-3000000000" });
    const solo = (await signIn(system, SOLO, "sol.single")).accessToken;
    const fleet = (await signIn(system, FLEET, "fran.fleet")).accessToken;
    for (let i = 1; i < 30; i++) await addVehicle({ accountNumber: `AV-3${String(i).padStart(9, "0")}` }, fleet);

    const count = async (token: string) => {
      await system.run("Snapshot", {}, token); // warm: catalog and plan caches
      system.statements.length = 0;
      const { body } = await system.run("Snapshot", {}, token);
      return { vehicles: body.data!.me.vehicleAccounts.length, statements: system.statements.length };
    };
    const one = await count(solo);
    const thirty = await count(fleet);
    process.stdout.write(`Snapshot SQL statements: ${one.statements} with ${one.vehicles} vehicle, ${thirty.statements} with ${thirty.vehicles} vehicles\n`);
    expect(one.vehicles).toBe(1);
    expect(thirty.vehicles).toBe(30);
    expect(thirty.statements).toBe(one.statements);
  });

  it("shows a joint holder's own Snapshot apart from the primary's", async () => {
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    const luis = (await signIn(system, LUIS, "luis.o")).accessToken;
    const added = (await addVehicle({ accountNumber: "AV-0000000101" }, luis)).body.data!.addVehicle;
    expect(added).toMatchObject({ __typename: "AddVehicleRejected", code: "INELIGIBLE_ACCOUNT", reason: "PAID_IN_FULL" });
    const joint = (await addVehicle({ accountNumber: "AV-0000000108" }, luis)).body.data!.addVehicle;
    expect(joint).toMatchObject({ __typename: "VehicleAdded", account: { holderRole: "PRIMARY" } });
    const { body } = await system.run("Snapshot", {}, luis);
    expect(body.data!.me.vehicleAccounts.map((a: { accountNumberLast4: string }) => a.accountNumberLast4)).toEqual(["0108"]);
  });
});
