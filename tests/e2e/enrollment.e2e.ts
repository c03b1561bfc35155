// Enrollment through the gateway: every answer of EnrollResult.
import { answers, DANA, FLEET, GOOD_PASSWORD, LUIS, OTHER, SOLO, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

describe("enrollment", () => {
  let system: TestSystem;
  let catalog: { id: string }[];
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
    catalog = (await system.run("SecurityQuestionCatalog")).body.data!.securityQuestionCatalog;
  });
  afterAll(() => system.stop());

  const attempt = async (input: Record<string, unknown>) =>
    (await system.run("Enroll", { input: { username: "some.user", password: GOOD_PASSWORD, securityAnswers: answers(catalog), ...input } })).body.data!.enroll;

  it("offers a catalog of questions", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(3);
  });

  it("answers NOT_VERIFIED with one message whatever failed", async () => {
    const wrongTaxId = await attempt({ accountType: "BANK", taxId: "900-10-0099", accountNumber: "2100000001" });
    const wrongAccount = await attempt({ accountType: "BANK", taxId: FLEET.taxId, accountNumber: "2100000001" });
    const wrongProduct = await attempt({ accountType: "INVEST", taxId: DANA.taxId, accountNumber: "2100000001" });
    const othersVehicle = await attempt({ accountType: "AUTO", taxId: DANA.taxId, vin: "1HGCV1F34MA000501" });
    expect(wrongTaxId).toMatchObject({ __typename: "EnrollmentRejected", code: "NOT_VERIFIED" });
    for (const answer of [wrongAccount, wrongProduct, othersVehicle]) expect(answer).toEqual(wrongTaxId);
  });

  it("answers INELIGIBLE_ACCOUNT for an Auto account that is paid in full", async () => {
    expect(await attempt({ accountType: "AUTO", taxId: DANA.taxId, accountNumber: "AV-0000000103" })).toMatchObject({ code: "INELIGIBLE_ACCOUNT" });
  });

  it.each([
    ["bad", "INVALID_USERNAME"],
    ["has space", "INVALID_USERNAME"],
  ])("answers %s with %s", async (username, code) => {
    expect(await attempt({ accountType: "BANK", taxId: SOLO.taxId, accountNumber: "2100000004", username })).toMatchObject({ code });
  });

  it.each([
    ["short", "Sh0rt-pass!"],
    ["common", "password1234"],
    ["the username", "xx-some.user-xx-99"],
    ["the first name", "Sol-is-a-great-name-77"],
    ["the last name", "my-SINGLE-secret-word-1"],
    ["the birth date", "born-1990-06-30-ok!"],
    ["the tax id", "tax-900100004-secret"],
  ])("answers WEAK_PASSWORD for a password with %s", async (_, password) => {
    const answer = await attempt({ accountType: "BANK", taxId: SOLO.taxId, accountNumber: "2100000004", password });
    expect(answer).toMatchObject({ __typename: "EnrollmentRejected", code: "WEAK_PASSWORD" });
    expect(answer.message).not.toContain(password);
  });

  it.each([[{ taxId: "12345" }], [{ securityAnswers: [] }], [{ accountNumber: undefined }]])("answers INVALID_INPUT for %j", async (change) => {
    const answer = await attempt({ accountType: "BANK", taxId: SOLO.taxId, accountNumber: "2100000004", ...change });
    expect(answer).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("enrolls a Bank holder with an empty Snapshot, then answers ALREADY_ENROLLED", async () => {
    expect(await enroll(system, SOLO, "Sol.Single", { accountType: "BANK", accountNumber: "2100000004" })).toEqual({ __typename: "EnrollmentSucceeded", username: "Sol.Single" });
    const again = await attempt({ accountType: "BANK", taxId: SOLO.taxId, accountNumber: "2100000004", username: "sol.other" });
    expect(again).toMatchObject({ code: "ALREADY_ENROLLED" });
    const { accessToken } = await signIn(system, SOLO, "sol.single");
    const { body } = await system.run("Snapshot", {}, accessToken);
    expect(body.data!.me).toMatchObject({ username: "Sol.Single", firstName: "Sol", vehicleAccounts: [] });
  });

  it("lets each joint holder enroll for themselves; usernames are unique without regard to case", async () => {
    expect(await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" })).toMatchObject({ __typename: "EnrollmentSucceeded" });
    const taken = await attempt({ accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000001", username: "DANA.W" });
    expect(taken).toMatchObject({ code: "USERNAME_TAKEN" });
    expect(await enroll(system, LUIS, "luis.o", { accountType: "BANK", accountNumber: "2100000001" })).toMatchObject({ __typename: "EnrollmentSucceeded" });
  });

  it("enrolls one of many parallel enrollments of one person; the others are ALREADY_ENROLLED", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt({ accountType: "AUTO", taxId: FLEET.taxId, accountNumber: "AV-3000000000", username: `fran.fleet${i}` })),
    );
    expect(answers.filter((a) => a.__typename === "EnrollmentSucceeded")).toHaveLength(1);
    expect(answers.filter((a) => a.code === "ALREADY_ENROLLED")).toHaveLength(11);
  });

  it("answers TOO_MANY_ATTEMPTS after five failed verifications of one tax id, even for the right details", async () => {
    const wrong = await Promise.all(Array.from({ length: 8 }, () => attempt({ accountType: "BANK", taxId: OTHER.taxId, accountNumber: "2100000099" })));
    expect(wrong.filter((a) => a.code === "NOT_VERIFIED")).toHaveLength(5);
    expect(wrong.filter((a) => a.code === "TOO_MANY_ATTEMPTS")).toHaveLength(3);
    const right = await attempt({ accountType: "AUTO", taxId: OTHER.taxId, accountNumber: "AV-0000000501", username: "olga.other" });
    expect(right).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });
});
