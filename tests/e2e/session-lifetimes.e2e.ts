// The idle timeout and the absolute cap, with short settings, through the real gateway: a session
// unused for SESSION_TTL_SECONDS ends; each use moves its end on, never past SESSION_MAX_SECONDS.
import { DANA, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { cookieMeOf, cookieSignIn, meOf, runOperation } from "../support/session-journeys";
import { TestSystem } from "../support/system";

const IDLE_SECONDS = 2;
const MAX_SECONDS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("session lifetimes", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ securityCodeMaxSends: 100, sessionTtlSeconds: IDLE_SECONDS, sessionMaxSeconds: MAX_SECONDS }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  const times = async (accessToken: string) => {
    const { body } = await runOperation(system, "SecurityActivity", {}, accessToken);
    const [current] = body.data!.me.sessions;
    return { startedAt: Date.parse(current.startedAt), expiresAt: Date.parse(current.expiresAt) };
  };

  it("ends a bearer session and a cookie session left unused for the idle time", async () => {
    const app = await signIn(system, DANA, "dana.w");
    const browser = await cookieSignIn(system, DANA, "dana.w");
    await sleep(IDLE_SECONDS * 1000 - 700);
    // Not yet: both still answer (and this use moves the bearer one on).
    expect(await meOf(system, app.accessToken)).not.toBeNull();
    await sleep(IDLE_SECONDS * 1000 + 300);
    expect(await meOf(system, app.accessToken)).toBeNull();
    expect(await cookieMeOf(system, browser.jar)).toBeNull();
  });

  it("moves the end on with each use, up to the absolute end and not past it", async () => {
    const app = await signIn(system, DANA, "dana.w");
    const { startedAt: start, expiresAt: first } = await times(app.accessToken);
    expect(first - start).toBe(IDLE_SECONDS * 1000);
    let latest = first;
    // Used every 600 ms: far longer than the idle time in all, alive until the absolute end.
    while (Date.now() - start < (MAX_SECONDS - 1.2) * 1000) {
      await sleep(600);
      expect(await meOf(system, app.accessToken)).not.toBeNull();
      latest = Math.max(latest, (await times(app.accessToken)).expiresAt);
    }
    expect(latest).toBeGreaterThan(first + 1500);
    expect(latest).toBeLessThanOrEqual(start + MAX_SECONDS * 1000);
    while (Date.now() - start < MAX_SECONDS * 1000 + 300) {
      await sleep(300);
      await meOf(system, app.accessToken);
    }
    expect(await meOf(system, app.accessToken)).toBeNull();
  });
});
