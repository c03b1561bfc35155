import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, graphql } from "graphql";
import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, testSettings } from "@oa/platform/testing";
import { credentialOfRequest, type CustomerRecord, type DepositAccountRecord, type RunningService, type SubgraphService } from "@oa/platform";
import { verifySecret } from "../../modules/credentials/secret-hashing";
import { normaliseAnswer } from "../../modules/credentials/answer-normalisation";
import { importIdentityRecords } from "../../records/import-identity-records";
import { createIdentityService } from "../../server";

// Customers of this test; each journey uses its own, so that attempt counters never mix.
const customer = (n: number, firstName: string, lastName: string, dateOfBirth: string): CustomerRecord => ({
  id: `C-2000${String(n).padStart(2, "0")}`,
  taxId: `9002000${String(n).padStart(2, "0")}`,
  firstName,
  lastName,
  dateOfBirth,
  email: null,
  mobilePhone: null,
});
const TAX_ID = (n: number) => `900-20-00${String(n).padStart(2, "0")}`;

const customers = [
  customer(1, "Dana", "Whitfield", "1984-03-09"),
  customer(2, "Luis", "Ortega", "1979-11-23"),
  customer(3, "Ana", "Petrova", "1990-01-15"),
  customer(4, "Omar", "Haddad", "1971-06-30"),
  customer(5, "Grace", "Kimura", "1988-12-02"),
  customer(6, "Ivan", "Novak", "1965-07-19"),
  customer(7, "Maya", "Lindqvist", "1993-04-27"),
  customer(8, "Theo", "Brandt", "1982-09-05"),
  customer(9, "Nora", "Fischer", "1976-02-14"),
  customer(10, "Ravi", "Shankar", "1999-10-10"),
  customer(11, "Lena", "Moreau", "1985-05-05"),
];
const depositAccounts: DepositAccountRecord[] = [
  { accountNumber: "2100000001", product: "BANK", holders: ["C-200001", "C-200002"] },
  { accountNumber: "3100000001", product: "INVEST", holders: ["C-200002"] },
  { accountNumber: "2100000003", product: "BANK", holders: ["C-200003"] },
  { accountNumber: "2100000004", product: "BANK", holders: ["C-200004"] },
  { accountNumber: "2100000005", product: "BANK", holders: ["C-200005"] },
  { accountNumber: "2100000006", product: "BANK", holders: ["C-200006"] },
  { accountNumber: "2100000010", product: "BANK", holders: ["C-200010"] },
  { accountNumber: "3100000011", product: "INVEST", holders: ["C-200011"] },
];

const ENROLL = `mutation Enroll($input: EnrollInput!) {
  enroll(input: $input) {
    __typename
    ... on EnrollmentSucceeded { username }
    ... on EnrollmentRejected { code message }
  }
}`;

interface EnrollAnswer {
  __typename: "EnrollmentSucceeded" | "EnrollmentRejected";
  username?: string;
  code?: string;
  message?: string;
}

const ANSWERS = [
  { questionId: "Q1", answer: "  Rex  the   Dog " },
  { questionId: "Q2", answer: "Detroit" },
  { questionId: "Q3", answer: "Smith" },
];
const STRONG_PASSWORD = "copper-Kettle-moon-42";

const NOT_VERIFIED = { __typename: "EnrollmentRejected", code: "NOT_VERIFIED" };

describe("enroll", () => {
  let database: TestDatabase;
  let service: SubgraphService;
  let running: RunningService;
  let vehicleAccount: VehicleAccountStandIn;
  let settings: ReturnType<typeof testSettings>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const base = testSettings();
    vehicleAccount = await startVehicleAccountStandIn(base.gatewaySecret);
    settings = { ...base, databaseUrl: database.url, vehicleAccountUrl: vehicleAccount.url };
    service = await createIdentityService(settings);
    await service.migrate();
    running = await service.listen(0, "127.0.0.1");
    await service.dataSource.transaction((manager) => importIdentityRecords(manager, { customers, depositAccounts }, settings));
  });

  afterAll(async () => {
    await service?.close();
    await vehicleAccount?.close();
    await database?.drop();
  });

  async function enroll(input: Record<string, unknown>): Promise<EnrollAnswer> {
    const { status, body } = await postGraphQL<{ enroll: EnrollAnswer }>(
      running.url,
      ENROLL,
      { input: { securityAnswers: ANSWERS, password: STRONG_PASSWORD, ...input } },
      gatewayHeaders(settings, "identity"),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!.enroll;
  }

  const usersOf = (customerId: string): Promise<{ id: string; username: string; username_key: string; password_hash: string }[]> =>
    service.dataSource.query(`SELECT id, username, username_key, password_hash FROM identity.users WHERE customer_id = $1`, [customerId]);

  describe("Bank and Invest", () => {
    it("enrolls a Bank account holder, storing the password and answers only as argon2id hashes", async () => {
      const answer = await enroll({ accountType: "BANK", taxId: TAX_ID(1), accountNumber: "2100000001", username: "Dana.W-84" });
      expect(answer).toEqual({ __typename: "EnrollmentSucceeded", username: "Dana.W-84" });

      const [user] = await usersOf("C-200001");
      expect(user).toMatchObject({ username: "Dana.W-84", username_key: "dana.w-84" });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifySecret(user.password_hash, STRONG_PASSWORD)).toBe(true);

      const stored: { question_id: string; answer_hash: string }[] = await service.dataSource.query(
        `SELECT question_id, answer_hash FROM identity.security_answers WHERE user_id = $1 ORDER BY question_id`,
        [user.id],
      );
      expect(stored.map((row) => row.question_id)).toEqual(["Q1", "Q2", "Q3"]);
      for (const [index, row] of stored.entries()) {
        expect(row.answer_hash).toMatch(/^\$argon2id\$/);
        expect(row.answer_hash.toLowerCase()).not.toContain(normaliseAnswer(ANSWERS[index].answer));
        expect(await verifySecret(row.answer_hash, normaliseAnswer(ANSWERS[index].answer))).toBe(true);
      }
      // Normalised: case and spaces do not matter.
      expect(await verifySecret(stored[0].answer_hash, normaliseAnswer("rex THE dog"))).toBe(true);
      // Bank enrollment has nothing to put on the Snapshot.
      expect(vehicleAccount.calls.filter((call) => call.field === "addToSnapshot" && call.args.userId === user.id)).toEqual([]);
    });

    it("enrolls an Invest account holder (a joint Bank holder's own login is separate)", async () => {
      const answer = await enroll({ accountType: "INVEST", taxId: "900200002", accountNumber: "3100000001", username: "luis_ortega" });
      expect(answer).toEqual({ __typename: "EnrollmentSucceeded", username: "luis_ortega" });
      expect(await usersOf("C-200002")).toHaveLength(1);
    });

    it("answers ALREADY_ENROLLED to a person who has a login, and writes no second row", async () => {
      const answer = await enroll({ accountType: "BANK", taxId: TAX_ID(1), accountNumber: "2100000001", username: "dana.other" });
      expect(answer).toMatchObject({ __typename: "EnrollmentRejected", code: "ALREADY_ENROLLED" });
      expect(await usersOf("C-200001")).toHaveLength(1);
    });
  });

  describe("verification", () => {
    it("answers NOT_VERIFIED with one message whatever failed", async () => {
      const answers = [
        // A tax id not on file.
        await enroll({ accountType: "BANK", taxId: "900-99-9999", accountNumber: "2100000003", username: "ana.petrova" }),
        // No such account.
        await enroll({ accountType: "BANK", taxId: TAX_ID(3), accountNumber: "2199999999", username: "ana.petrova" }),
        // Someone else's account.
        await enroll({ accountType: "BANK", taxId: TAX_ID(3), accountNumber: "3100000001", username: "ana.petrova" }),
        // The person's own account, named as another product.
        await enroll({ accountType: "INVEST", taxId: TAX_ID(3), accountNumber: "2100000003", username: "ana.petrova" }),
      ];
      for (const answer of answers) expect(answer).toMatchObject(NOT_VERIFIED);
      expect(new Set(answers.map((answer) => answer.message)).size).toBe(1);
      expect(answers[0].message).not.toMatch(/tax|ssn|account number/i);
      expect(await usersOf("C-200003")).toHaveLength(0);
    });

    it("answers TOO_MANY_ATTEMPTS after five failures for one tax id, even to the right details", async () => {
      // Customer 3 has three failures from the test above; two more reach the limit.
      for (const accountNumber of ["2100000001", "2100000004"]) {
        expect(await enroll({ accountType: "BANK", taxId: TAX_ID(3), accountNumber, username: "ana.petrova" })).toMatchObject(NOT_VERIFIED);
      }
      const locked = await enroll({ accountType: "BANK", taxId: TAX_ID(3), accountNumber: "2100000003", username: "ana.petrova" });
      expect(locked).toMatchObject({ __typename: "EnrollmentRejected", code: "TOO_MANY_ATTEMPTS" });
      expect(locked.message).toMatch(/15 minutes/);
      // The same tax id written another way is the same tax id.
      expect(await enroll({ accountType: "BANK", taxId: "900 20 0003", accountNumber: "2100000003", username: "ana.petrova" })).toMatchObject({
        code: "TOO_MANY_ATTEMPTS",
      });
      expect(await usersOf("C-200003")).toHaveLength(0);
    });

    it("keys the counter by the tax id's HMAC, never the tax id", async () => {
      const keys = await service.redis.keys(`${settings.redisKeyPrefix}*`);
      expect(keys.some((key) => key.includes("{proof:taxid:"))).toBe(true);
      for (const key of keys) expect(key).not.toMatch(/900200003|900-20-0003/);
    });

    it("lets exactly five of a parallel burst of 20 wrong enrollments be verified", async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          enroll({ accountType: "BANK", taxId: TAX_ID(4), accountNumber: `21999${String(index).padStart(5, "0")}`, username: "omar.haddad" }),
        ),
      );
      const codes = answers.map((answer) => answer.code);
      expect(codes.filter((code) => code === "NOT_VERIFIED")).toHaveLength(5);
      expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(15);
      expect(await enroll({ accountType: "BANK", taxId: TAX_ID(4), accountNumber: "2100000004", username: "omar.haddad" })).toMatchObject({
        code: "TOO_MANY_ATTEMPTS",
      });
    });

    it("does not count successful verifications or input errors as failures", async () => {
      for (let i = 0; i < 6; i++) {
        expect(await enroll({ accountType: "BANK", taxId: TAX_ID(10), accountNumber: "2100000010", securityAnswers: ANSWERS.slice(0, 2), username: "ravi.shankar" })).toMatchObject(
          {
            code: "INVALID_INPUT",
          },
        );
        expect(await enroll({ accountType: "BANK", taxId: TAX_ID(10), accountNumber: "2100000010", username: "ravi shankar" })).toMatchObject({
          code: "INVALID_USERNAME",
        });
      }
      expect(await enroll({ accountType: "BANK", taxId: TAX_ID(10), accountNumber: "2100000010", username: "ravi.shankar" })).toMatchObject({
        __typename: "EnrollmentSucceeded",
      });
    });
  });

  describe("username and password", () => {
    const grace = { accountType: "BANK", taxId: TAX_ID(5), accountNumber: "2100000005" };

    it.each(["grace", "gr ace.kimura", "grace@kimura", "g".repeat(33)])("answers INVALID_USERNAME to %j", async (username) => {
      const answer = await enroll({ ...grace, username });
      expect(answer).toMatchObject({ code: "INVALID_USERNAME" });
      expect(answer.message).not.toContain(username);
    });

    it("answers USERNAME_TAKEN without regard to case", async () => {
      expect(await enroll({ ...grace, username: "DANA.w-84" })).toMatchObject({ code: "USERNAME_TAKEN" });
      expect(await enroll({ ...grace, username: "LUIS_ORTEGA" })).toMatchObject({ code: "USERNAME_TAKEN" });
    });

    it.each([
      ["too short", "Sh0rt!Pass", "Your password must be 12 to 128 characters long."],
      ["too long", `${"q".repeat(121)}Zebra!La`, "Your password must be 12 to 128 characters long."],
      ["common", "Password1234!", "Your password is too common or too easy to guess. Choose one that is harder to guess."],
      ["the username", "copper-GRACE.K88-kettle", "Your password must not contain your username."],
      ["the first name", "copper-grace-Kettle", "Your password must not contain your name."],
      ["the last name", "copper-KIMURA-kettle", "Your password must not contain your name."],
      ["the birth date", "copperKettle12/02/1988", "Your password must not contain your date of birth."],
      ["the birth date, year first", "copperKettle1988-12-02", "Your password must not contain your date of birth."],
      ["the tax id", "copperKettle900200005", "Your password must not contain digits of your SSN or Tax ID."],
      ["the tax id's last four", "copperKettle0005!", "Your password must not contain digits of your SSN or Tax ID."],
    ])("answers WEAK_PASSWORD to a password that is %s, saying which rule", async (_rule, password, message) => {
      const answer = await enroll({ ...grace, username: "grace.k88", password });
      expect(answer).toEqual({ __typename: "EnrollmentRejected", code: "WEAK_PASSWORD", message });
    });

    it("then enrolls with a good password", async () => {
      expect(await enroll({ ...grace, username: "grace.k88" })).toEqual({ __typename: "EnrollmentSucceeded", username: "grace.k88" });
    });
  });

  describe("input", () => {
    const valid = { accountType: "BANK", taxId: TAX_ID(11), accountNumber: "3100000011", username: "lena.moreau" };

    it.each([
      ["a tax id of 8 digits", { taxId: "900-20-001" }],
      ["a tax id with letters", { taxId: "900-20-00AB" }],
      ["a Bank account without a number", { accountNumber: null }],
      ["a Bank account with a VIN", { vin: "1HGCV1F34MA000101" }],
      ["an Auto account with both number and VIN", { accountType: "AUTO", vin: "1HGCV1F34MA000101" }],
      ["an Auto account with neither", { accountType: "AUTO", accountNumber: null }],
      ["a VIN with an O", { accountType: "AUTO", accountNumber: null, vin: "1HGCV1F34MO000101" }],
      ["two answers", { securityAnswers: ANSWERS.slice(0, 2) }],
      ["four answers", { securityAnswers: [...ANSWERS, { questionId: "Q4", answer: "Ford" }] }],
      ["one question twice", { securityAnswers: [ANSWERS[0], ANSWERS[1], { questionId: "Q1", answer: "Fido" }] }],
      ["a question not in the catalog", { securityAnswers: [ANSWERS[0], ANSWERS[1], { questionId: "Q404", answer: "x" }] }],
      ["an empty answer", { securityAnswers: [ANSWERS[0], ANSWERS[1], { questionId: "Q3", answer: "   " }] }],
      ["an answer over 100 characters", { securityAnswers: [ANSWERS[0], ANSWERS[1], { questionId: "Q3", answer: "a".repeat(101) }] }],
      ["an absurdly long username", { username: "u".repeat(300) }],
      ["an absurdly long password", { password: "p".repeat(300) }],
      ["an absurdly long account number", { accountNumber: "1".repeat(65) }],
    ])("answers INVALID_INPUT to %s", async (_case, changes) => {
      const answer = await enroll({ ...valid, ...changes });
      expect(answer).toMatchObject({ __typename: "EnrollmentRejected", code: "INVALID_INPUT" });
      expect(answer.message).not.toMatch(/900/);
    });

    it("still enrolls the person afterwards (input errors are not failed verifications)", async () => {
      expect(await enroll({ ...valid, accountType: "INVEST" })).toEqual({ __typename: "EnrollmentSucceeded", username: "lena.moreau" });
    });
  });

  it("lets exactly one of parallel enrollments of one person through", async () => {
    const answers = await Promise.all(
      ["ivan.novak1", "ivan.novak2", "ivan.novak3", "ivan.novak4", "ivan.novak5"].map((username) =>
        enroll({ accountType: "BANK", taxId: TAX_ID(6), accountNumber: "2100000006", username }),
      ),
    );
    expect(answers.filter((answer) => answer.__typename === "EnrollmentSucceeded")).toHaveLength(1);
    for (const answer of answers.filter((answer) => answer.__typename !== "EnrollmentSucceeded")) {
      expect(answer.code).toBe("ALREADY_ENROLLED");
    }
    expect(await usersOf("C-200006")).toHaveLength(1);
  });

  describe("Auto", () => {
    beforeAll(() => {
      vehicleAccount.accounts.push(
        { id: "va-7", accountNumber: "AV-0000000107", vin: "1HGCV1F34MA000107", holders: ["C-200007"], eligible: true, reason: null },
        { id: "va-8", accountNumber: "AV-0000000108", vin: "JS3TD62V0Y4000108", holders: ["C-200008"], eligible: false, reason: "PAID_IN_FULL" },
        { id: "va-9", accountNumber: "AV-0000000109", vin: "1FTFW1E50MFA00109", holders: ["C-200009"], eligible: true, reason: null },
      );
    });

    it("enrolls by VIN (any case) and puts the account on the new user's Snapshot", async () => {
      const answer = await enroll({ accountType: "AUTO", taxId: TAX_ID(7), vin: "1hgcv1f34ma000107", username: "maya.l93" });
      expect(answer).toEqual({ __typename: "EnrollmentSucceeded", username: "maya.l93" });
      const [user] = await usersOf("C-200007");
      expect(vehicleAccount.snapshots.get(user.id)).toEqual(new Set(["va-7"]));
      expect(vehicleAccount.calls).toContainEqual({
        field: "enrollmentAccountCheck",
        args: { customerId: "C-200007", accountNumber: null, vin: "1HGCV1F34MA000107" },
      });
      expect(vehicleAccount.refusedRequests).toBe(0);
    });

    it("answers INELIGIBLE_ACCOUNT for an account that is not eligible, and writes nothing", async () => {
      const answer = await enroll({ accountType: "AUTO", taxId: TAX_ID(8), accountNumber: "AV-0000000108", username: "theo.brandt" });
      expect(answer).toMatchObject({ __typename: "EnrollmentRejected", code: "INELIGIBLE_ACCOUNT" });
      expect(await usersOf("C-200008")).toHaveLength(0);
    });

    it("answers NOT_VERIFIED for another person's vehicle account, with the same message as for Bank", async () => {
      const auto = await enroll({ accountType: "AUTO", taxId: TAX_ID(8), accountNumber: "AV-0000000107", username: "theo.brandt" });
      const bank = await enroll({ accountType: "BANK", taxId: TAX_ID(8), accountNumber: "2100000001", username: "theo.brandt" });
      expect(auto).toMatchObject(NOT_VERIFIED);
      expect(auto.message).toBe(bank.message);
    });

    it("leaves nothing that blocks a retry when the Snapshot step fails part way", async () => {
      vehicleAccount.failAddToSnapshotAfterApplying = true;
      const { body } = await postGraphQL<{ enroll: EnrollAnswer }>(
        running.url,
        ENROLL,
        { input: { accountType: "AUTO", taxId: TAX_ID(9), accountNumber: "AV-0000000109", username: "nora.fischer", password: STRONG_PASSWORD, securityAnswers: ANSWERS } },
        gatewayHeaders(settings, "identity"),
      );
      vehicleAccount.failAddToSnapshotAfterApplying = false;
      expect(body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(await usersOf("C-200009")).toHaveLength(0);
      const added = vehicleAccount.calls.filter((call) => call.field === "addToSnapshot" && call.args.accountId === "va-9");
      expect(added).toHaveLength(1);
      // The account was put on the rolled-back user's Snapshot, and taken off again.
      expect(vehicleAccount.calls).toContainEqual({ field: "clearSnapshot", args: { userId: added[0].args.userId } });
      expect(vehicleAccount.snapshots.get(added[0].args.userId as string)?.size ?? 0).toBe(0);

      const retry = await enroll({ accountType: "AUTO", taxId: TAX_ID(9), accountNumber: "AV-0000000109", username: "nora.fischer" });
      expect(retry).toEqual({ __typename: "EnrollmentSucceeded", username: "nora.fischer" });
      const [user] = await usersOf("C-200009");
      expect(vehicleAccount.snapshots.get(user.id)).toEqual(new Set(["va-9"]));
    });
  });
});

interface StandInAccount {
  id: string;
  accountNumber: string;
  vin: string;
  holders: string[];
  eligible: boolean;
  reason: string | null;
}

interface VehicleAccountStandIn {
  url: string;
  accounts: StandInAccount[];
  snapshots: Map<string, Set<string>>;
  calls: { field: string; args: Record<string, unknown> }[];
  refusedRequests: number;
  /** Applies the next addToSnapshot calls, then answers with an error, as a timeout would look. */
  failAddToSnapshotAfterApplying: boolean;
  close(): Promise<void>;
}

// vehicle-account's internal fields as docs/architecture.md gives them (without @inaccessible).
const VEHICLE_ACCOUNT_INTERNAL_SDL = `
enum IneligibilityReason { PAID_IN_FULL LEASE_VEHICLE_RETURNED ACCOUNT_CLOSED ACCOUNT_CANCELED CREDITOR_NOT_AUTHORIZED }
type EnrollmentAccountCheck { accountId: ID!  eligible: Boolean!  reason: IneligibilityReason }
type Query { enrollmentAccountCheck(customerId: ID!, accountNumber: String, vin: String): EnrollmentAccountCheck }
type Mutation {
  addToSnapshot(userId: ID!, accountId: ID!): Boolean!
  clearSnapshot(userId: ID!): Boolean!
}`;

/** A real HTTP server answering vehicle-account's internal fields, checking the gateway credential. */
async function startVehicleAccountStandIn(gatewaySecret: string): Promise<VehicleAccountStandIn> {
  const schema = buildSchema(VEHICLE_ACCOUNT_INTERNAL_SDL);
  const standIn: Omit<VehicleAccountStandIn, "url" | "close"> = {
    accounts: [],
    snapshots: new Map(),
    calls: [],
    refusedRequests: 0,
    failAddToSnapshotAfterApplying: false,
  };
  const rootValue = {
    enrollmentAccountCheck(args: { customerId: string; accountNumber: string | null; vin: string | null }) {
      standIn.calls.push({ field: "enrollmentAccountCheck", args: { ...args } });
      const account = standIn.accounts.find(
        (candidate) => candidate.holders.includes(args.customerId) && (candidate.accountNumber === args.accountNumber || candidate.vin === args.vin),
      );
      return account ? { accountId: account.id, eligible: account.eligible, reason: account.reason } : null;
    },
    addToSnapshot(args: { userId: string; accountId: string }) {
      standIn.calls.push({ field: "addToSnapshot", args: { ...args } });
      const snapshot = standIn.snapshots.get(args.userId) ?? new Set<string>();
      standIn.snapshots.set(args.userId, snapshot.add(args.accountId));
      if (standIn.failAddToSnapshotAfterApplying) throw new Error("stand-in failure after applying");
      return true;
    },
    clearSnapshot(args: { userId: string }) {
      standIn.calls.push({ field: "clearSnapshot", args: { ...args } });
      standIn.snapshots.delete(args.userId);
      return true;
    },
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const credential = credentialOfRequest(gatewaySecret, "vehicle-account", request, Buffer.concat(chunks).toString("utf8"));
      if (credential?.caller !== "identity") {
        standIn.refusedRequests++;
        response.writeHead(401).end();
        return;
      }
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables: Record<string, unknown> };
      void graphql({ schema, source: query, rootValue, variableValues: variables }).then((result) => {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
