// The local explorer with no network, in a real browser (Debian's Chromium, driven by
// playwright-core; nothing downloads a browser). Every request to anything but this machine is
// aborted, as on a laptop offline: Apollo Sandbox's page cannot load from Apollo's CDN, says so
// and links the local explorer, and GraphiQL, served by the gateway from the project's own
// packages, runs a query and shows its answer. A screenshot of it is kept for a person to look at.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { testRecords } from "../support/fixtures";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumFor } from "../support/chromium";
import { TestSystem } from "../support/system";

const hasChromium = chromiumFor("local explorer browser test");

/** The one browser function the test reads a style with (the tests are typed without the DOM's types). */
type StyleWindow = { getComputedStyle(element: unknown): { opacity: string } };

const isLoopback = (url: string) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

(hasChromium ? describe : describe.skip)(`the local explorer offline, in a real browser${hasChromium ? "" : " (skipped: no Chromium installed)"}`, () => {
  let system: TestSystem;
  let context: BrowserContext;
  let page: Page;
  let folder: string;
  /** Requests the browser tried beyond this machine, all aborted. */
  const blocked: string[] = [];
  /** Scripts' errors and policy violations, by page path. */
  const problems: string[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
    folder = mkdtempSync(join(tmpdir(), "oa-explorer-"));
    context = await chromium.launchPersistentContext(join(folder, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(15_000);
    // No network: anything but loopback fails as it would offline.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("data:") || isLoopback(url)) return route.continue();
      blocked.push(url);
      return route.abort("internetdisconnected");
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`${new URL(page.url()).pathname}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${new URL(page.url()).pathname}: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await system?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("shows Sandbox's offline note at /graphql, with a link to the local explorer", async () => {
    await page.goto(system.gatewayUrl);
    await page.getByText("it appears that you might be offline").waitFor({ state: "visible" });
    // The note fades in after a second, in case Sandbox is only slow: wait until a person sees it.
    const opacity = () => page.locator(".fallback").evaluate((element) => (globalThis as unknown as StyleWindow).getComputedStyle(element).opacity);
    for (const until = Date.now() + 5_000; (await opacity()) !== "1" && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await opacity()).toBe("1");
    const link = page.locator("#local-explorer a");
    await link.waitFor({ state: "visible" });
    expect(await link.getAttribute("href")).toBe("/graphiql");
    // Sandbox did try Apollo's CDN: the browser was offline, not the page empty.
    expect(blocked.some((url) => url.includes("embeddable-sandbox.cdn.apollographql.com"))).toBe(true);
    if (process.env.KEEP_SCREENSHOT) await page.screenshot({ path: process.env.KEEP_SCREENSHOT.replace(/\.png$/, "-landing.png") });
    problems.length = 0;
    await link.click();
    await page.waitForURL(/\/graphiql$/);
  });

  it("runs a query in the local explorer with no network and shows the answer", async () => {
    const before = blocked.length;
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ state: "visible" });
    // A query of one's own, typed in: GraphiQL's editor replaces its opening example.
    await page.locator(".graphiql-query-editor .CodeMirror").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("{ securityQuestionCatalog { id text ");
    await page.locator(".graphiql-execute-button").click();
    const answer = page.locator(".result-window");
    await answer.getByText("What was the name of your first pet?").waitFor({ state: "visible" });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText(), the text as rendered
    expect(await answer.innerText()).toContain('"securityQuestionCatalog"');

    const screenshot = join(folder, "local-explorer.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    if (process.env.KEEP_SCREENSHOT) await page.screenshot({ path: process.env.KEEP_SCREENSHOT, fullPage: true });
    expect(await page.getByText("What was the name of your first pet?").first().isVisible()).toBe(true);

    // Everything the explorer needed came from the gateway: it asked for nothing beyond this machine.
    expect(blocked.slice(before)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("comes with a policy that lets the page load nothing from beyond the gateway", async () => {
    const response = await fetch(new URL("/graphiql", system.gatewayUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("content-security-policy")).not.toMatch(/https?:/);
  });
});
