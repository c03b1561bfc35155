import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { StaticPage } from "@oa/platform";
import { fromRoot } from "./project-root";

/** Where the gateway serves the web page in development. */
export const WEB_PAGE_PATH = "/app/";

const WEB = fromRoot("packages", "web");
const CLIENT_DIST = fromRoot("packages", "client", "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * The sign-in page (packages/web) and the typed client it loads (packages/client), as built, by
 * the paths the gateway serves them at. Their Content-Security-Policy allows scripts, styles and
 * requests from the gateway's own origin only, and the page's one inline script (its import map)
 * by hash. Throws when they are not built (npm start and npm test build them).
 */
export function webPagePages(): Map<string, StaticPage> {
  const html = readBuilt(path.join(WEB, "public", "index.html"));
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (importMap === undefined) throw new Error("packages/web/public/index.html has no import map");
  const policy = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${createHash("sha256").update(importMap).digest("base64")}'`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const page = (file: string): StaticPage => ({ contentType: TYPES[path.extname(file)], body: readBuilt(file), contentSecurityPolicy: policy });
  const pages = new Map<string, StaticPage>([
    ["/app", page(path.join(WEB, "public", "index.html"))],
    [WEB_PAGE_PATH, page(path.join(WEB, "public", "index.html"))],
    [`${WEB_PAGE_PATH}app.css`, page(path.join(WEB, "public", "app.css"))],
    [`${WEB_PAGE_PATH}app.js`, page(path.join(WEB, "dist", "app.js"))],
  ]);
  for (const file of scripts(CLIENT_DIST)) pages.set(`${WEB_PAGE_PATH}client/${path.relative(CLIENT_DIST, file).split(path.sep).join("/")}`, page(file));
  return pages;
}

function readBuilt(file: string): string {
  if (!existsSync(file)) throw new Error(`${path.relative(fromRoot(), file)} is missing: run npm run build`);
  return readFileSync(file, "utf8");
}

function scripts(folder: string): string[] {
  if (!existsSync(folder)) throw new Error("packages/client/dist is missing: run npm run build");
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return scripts(file);
    return entry.name.endsWith(".js") ? [file] : [];
  });
}
