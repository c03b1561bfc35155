// The security activity a person sees of their own online access, through the gateway.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

const EVENTS = `query Events($first: Int) { me { securityEvents(first: $first) { id kind at deviceName clientAddress } } }`;

interface Event {
  id: string;
  kind: string;
  at: string;
  deviceName: string | null;
  clientAddress: string | null;
}

describe("security events", () => {
  let system: TestSystem;
  let phone: { accessToken: string; deviceToken: string | undefined };
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: 3, lockoutSeconds: 1 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const events = async (accessToken: string, first?: number) => {
    const { body } = await system.post<{ me: { securityEvents: Event[] } }>({ query: EVENTS, variables: { first } }, accessToken);
    expect(body.errors).toBeUndefined();
    return body.data!.me.securityEvents;
  };
  const login = async (password: string, deviceToken?: string) => (await system.run("Login", { input: { username: "dana.w", password, deviceToken } })).body.data!.login;

  it("records each thing that happened to a person's access, newest first, with the client address and device", async () => {
    // A wrong code, then the right one with a device to remember.
    const challenge = (await login(GOOD_PASSWORD)).challenge.id as string;
    await system.run("VerifyStepUp", { input: { challengeId: challenge, code: "000000" } });
    phone = await signIn(system, DANA, "dana.w", { name: "Dana's phone", platform: "IOS" });
    await login("a wrong password");
    const fromPhone = await login(GOOD_PASSWORD, phone.deviceToken);
    expect(fromPhone.__typename).toBe("LoginSucceeded");
    await system.run("Logout", {}, fromPhone.session.accessToken);

    // A failed sign-in is written in the background (its answer may not wait for it).
    let seen: Event[] = [];
    for (let i = 0; i < 50 && seen.length < 7; i++) {
      seen = await events(phone.accessToken);
      if (seen.length < 7) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.map((event) => [event.kind, event.deviceName])).toEqual([
      ["SIGNED_OUT", null],
      ["SIGNED_IN", "Dana's phone"],
      ["SIGN_IN_FAILED", null],
      ["SIGNED_IN", "Dana's phone"],
      ["DEVICE_REGISTERED", "Dana's phone"],
      ["STEP_UP_FAILED", null],
      ["ENROLLED", null],
    ]);
    expect(seen.every((event) => event.clientAddress === "127.0.0.1")).toBe(true);
    const times = seen.map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await events(phone.accessToken, 2)).map((event) => event.kind)).toEqual(["SIGNED_OUT", "SIGNED_IN"]);
  });

  it("records a lock once, with the failure that set it", async () => {
    for (let i = 0; i < 5; i++) await system.run("Login", { input: { username: "luis.o", password: `wrong-${i}` } });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the lock lifts
    const luis = await signIn(system, LUIS, "luis.o");
    let kinds: string[] = [];
    for (let i = 0; i < 50 && !kinds.includes("ACCOUNT_LOCKED"); i++) {
      kinds = (await events(luis.accessToken)).map((event) => event.kind);
      if (!kinds.includes("ACCOUNT_LOCKED")) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(kinds.filter((kind) => kind === "ACCOUNT_LOCKED")).toHaveLength(1);
    expect(kinds.filter((kind) => kind === "SIGN_IN_FAILED")).toHaveLength(3);
  });

  it("shows a person only their own events, and none without a session", async () => {
    const luis = await signIn(system, LUIS, "luis.o");
    const ids = new Set((await events(phone.accessToken, 100)).map((event) => event.id));
    expect((await events(luis.accessToken, 100)).some((event) => ids.has(event.id))).toBe(false);
    const anonymous = await system.post({ query: EVENTS });
    expect(anonymous.body.data).toEqual({ me: null });
  });

  it("refuses a count outside 1 to 100 with BAD_USER_INPUT", async () => {
    for (const first of [0, 101, -1]) {
      const { body } = await system.post({ query: EVENTS, variables: { first } }, phone.accessToken);
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("reads 1 or 100 events in the same number of statements", async () => {
    const statementsFor = async (first: number) => {
      system.statements.length = 0;
      await events(phone.accessToken, first);
      return system.statements.filter((sql) => /security_events|identity\.users/.test(sql)).length;
    };
    const one = await statementsFor(1);
    expect(one).toBe(2); // the user, then their newest events
    expect(await statementsFor(100)).toBe(one);
  });
});
