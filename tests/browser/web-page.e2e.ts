// The web page in a real browser (Debian's Chromium, driven by playwright-core; nothing downloads
// a browser): sign in with a cookie session, step up with a code from the outbox, see the
// Snapshot, sign out, and then the same page sees no user. Pages on other origins of the same
// site try a form POST and a credentialed fetch against the gateway: nothing runs.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { runOperation } from "../support/session-journeys";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumFor } from "../support/chromium";
import { TestSystem } from "../support/system";

const hasChromium = chromiumFor("web page browser test");

/** A page on another origin of the same site (localhost, another port), serving `html`. */
async function servePage(html: (port: number) => string): Promise<{ origin: string; close(): Promise<void> }> {
  let port = 0;
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html(port));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://localhost:${port}`,
    // The browser keeps its connections open: close them too.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

(hasChromium ? describe : describe.skip)(`the web page in a real browser${hasChromium ? "" : " (skipped: no Chromium installed)"}`, () => {
  let system: TestSystem;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let allowed: Awaited<ReturnType<typeof servePage>>;
  let appUrl: string;
  let gatewayUrl: string;
  /** Every answer the page's script could read from /graphql, as text. */
  const answers: string[] = [];

  beforeAll(async () => {
    // A page on an origin listed in WEB_ORIGINS: it may read the session's user with credentials.
    allowed = await servePage(
      () => `<!doctype html><title>allowed</title><script>
        fetch(new URLSearchParams(location.search).get("gateway"), { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ me { firstName } }" }) })
          .then((response) => response.json()).then((body) => { document.title = "me:" + (body.data.me ? body.data.me.firstName : "none"); })
          .catch(() => { document.title = "blocked"; });
      </script>`,
    );
    system = await TestSystem.start({ securityCodeMaxSends: 100, webOrigins: [allowed.origin] }, testRecords(), { webPage: true });
    await enroll(system, DANA, "dana.w", { accountType: "AUTO", vin: "1HGCV1F34MA000101" });
    gatewayUrl = system.gatewayUrl.replace("://127.0.0.1:", "://localhost:");
    appUrl = new URL("/app/", gatewayUrl).toString();
    profile = mkdtempSync(join(tmpdir(), "oa-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/graphql")
        void response.text().then(
          (text) => answers.push(text),
          () => undefined,
        );
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await allowed?.close();
    await system?.stop();
  });

  const view = () => page.locator("body").getAttribute("data-view");
  const waitForView = (name: string) => page.waitForSelector(`body[data-view="${name}"]`);
  const sessionCookie = async () => (await context.cookies(gatewayUrl)).find((cookie) => cookie.name === "__Host-oa-session");

  async function signInOnThePage(remember: boolean) {
    await page.goto(appUrl);
    await waitForView("sign-in");
    await page.fill("#username", "dana.w");
    await page.fill("#password", GOOD_PASSWORD);
    await page.click("#sign-in-button");
    await waitForView("step-up");
    await page.click("#send-code-button");
    await page.waitForSelector("#status.info");
    await page.fill("#code", system.outbox.latestCode(DANA.mobilePhone));
    if (remember) await page.check("#remember");
    await page.click("#verify-button");
    await waitForView("snapshot");
  }

  it("signs in with a cookie, steps up with a code, shows the Snapshot, signs out, and then sees no user", async () => {
    await signInOnThePage(true);
    expect(await page.textContent("#first-name")).toBe("Dana");
    expect(await page.locator("#vehicles li.vehicle").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Honda Accord (account ending 0101)")]));
    expect(await page.locator("#devices li.device").allTextContents()).toEqual(["Chrome browser (this browser)"]);

    // The session and the device are HttpOnly __Host- cookies: no script of the page can read them,
    // and no answer the page's script read carried either token.
    const cookies = await context.cookies(gatewayUrl);
    for (const name of ["__Host-oa-session", "__Host-oa-device"]) {
      expect(cookies.find((cookie) => cookie.name === name)).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
    }
    expect(await page.evaluate("document.cookie")).toBe("");
    await page.waitForLoadState("networkidle");
    for (const cookie of cookies) for (const answer of answers) expect(answer).not.toContain(cookie.value);

    // A reload is still signed in: the cookie carries the session.
    await page.reload();
    await waitForView("snapshot");

    await page.click("#sign-out");
    await waitForView("sign-in");
    expect(await sessionCookie()).toBeUndefined();
    await page.reload();
    await waitForView("sign-in");
    expect(await view()).toBe("sign-in");
  });

  it("signs in again from the remembered browser without a step-up (its device cookie)", async () => {
    await page.goto(appUrl);
    await waitForView("sign-in");
    await page.fill("#username", "dana.w");
    await page.fill("#password", GOOD_PASSWORD);
    await page.click("#sign-in-button");
    await waitForView("snapshot");
    expect(await page.textContent("#first-name")).toBe("Dana");
  });

  it("runs nothing for a cross-site form POST or a credentialed fetch from an origin outside WEB_ORIGINS", async () => {
    await page.goto(appUrl);
    await waitForView("snapshot");
    const app = await signIn(system, DANA, "dana.w");
    const mutation = "mutation { logoutEverywhere { loggedOut endedSessions } }";
    // Another origin of the same site (SameSite does not stop its requests' cookies): a form
    // posting text/plain that holds JSON, then a credentialed JSON fetch, both ending every session.
    const evil = await servePage(
      () => `<!doctype html><title>evil</title>
        <iframe name="sink"></iframe>
        <form id="form" method="POST" action="${gatewayUrl}" enctype="text/plain" target="sink">
          <input type="hidden" name='{"query":"${mutation}","padding":"' value='"}'>
        </form>
        <script>
          document.querySelector("iframe").addEventListener("load", () => {
            fetch(${JSON.stringify(gatewayUrl)}, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: ${JSON.stringify(mutation)} }) })
              .then((response) => { document.title = "fetch answered " + response.status; })
              .catch(() => { document.title = "fetch blocked"; });
          }, { once: true });
          document.getElementById("form").submit();
        </script>`,
    );
    try {
      const attacker = await context.newPage();
      const formPosts: number[] = [];
      attacker.on("response", (response) => {
        if (response.request().method() === "POST" && response.url() === gatewayUrl) formPosts.push(response.status());
      });
      await attacker.goto(evil.origin);
      await attacker.waitForFunction("document.title.startsWith('fetch')", undefined, { timeout: 10_000 });
      expect(await attacker.title()).toBe("fetch blocked");
      // The form's request reached the gateway and was refused before running anything.
      expect(formPosts).toEqual([400]);
      await attacker.close();
    } finally {
      await evil.close();
    }
    // Every session lives on, and nothing was recorded as ended.
    await page.reload();
    await waitForView("snapshot");
    const { body } = await runOperation(system, "SecurityActivity", { first: 50 }, app.accessToken);
    expect(body.data!.me.sessions.length).toBeGreaterThanOrEqual(2);
    expect((body.data!.me.securityEvents as { kind: string }[]).map((event) => event.kind)).not.toContain("SESSIONS_ENDED");
  });

  it("lets a page of an origin in WEB_ORIGINS read the signed-in user with credentials", async () => {
    const other = await context.newPage();
    try {
      await other.goto(`${allowed.origin}/?gateway=${encodeURIComponent(gatewayUrl)}`);
      await other.waitForFunction("document.title !== 'allowed'", undefined, { timeout: 10_000 });
      expect(await other.title()).toBe("me:Dana");
    } finally {
      await other.close();
    }
  });
});
