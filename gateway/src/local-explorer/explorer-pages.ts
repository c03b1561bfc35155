import { readFileSync } from "node:fs";
import path from "node:path";
import type { StaticPage } from "@oa/platform";
import { EXPLORER_SCRIPT } from "./explorer-script";

/** Where the gateway serves the local explorer, in development only. */
export const LOCAL_EXPLORER_PATH = "/graphiql";

// Scripts and styles from the gateway only; GraphiQL's fonts and icons are data: URLs in its CSS,
// and its editors set inline styles.
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Online Access: local explorer</title>
    <link rel="stylesheet" href="${LOCAL_EXPLORER_PATH}/graphiql.min.css">
    <link rel="stylesheet" href="${LOCAL_EXPLORER_PATH}/explorer.css">
  </head>
  <body>
    <div id="graphiql">Loading the local explorer…</div>
    <script src="${LOCAL_EXPLORER_PATH}/react.production.min.js"></script>
    <script src="${LOCAL_EXPLORER_PATH}/react-dom.production.min.js"></script>
    <script src="${LOCAL_EXPLORER_PATH}/graphiql.min.js"></script>
    <script src="${LOCAL_EXPLORER_PATH}/explorer.js"></script>
  </body>
</html>
`;

const CSS = "html, body, #graphiql { height: 100%; margin: 0; }\n";

/** A package's file, by its path inside the installed package (node_modules, never a CDN). */
function packageFile(packageName: string, file: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file));
}

/**
 * The local explorer's pages by path: GraphiQL and React as the project's own (pinned, development)
 * packages ship them, and a small page and script of its own. Null when those packages are not
 * installed (an image built without development packages, which never serves it anyway).
 */
export function localExplorerPages(): Map<string, StaticPage> | null {
  const page = (contentType: string, body: string | Buffer): StaticPage => ({ contentType, body, contentSecurityPolicy: POLICY });
  const script = "text/javascript; charset=utf-8";
  try {
    return new Map([
      [LOCAL_EXPLORER_PATH, page("text/html; charset=utf-8", HTML)],
      [`${LOCAL_EXPLORER_PATH}/explorer.js`, page(script, EXPLORER_SCRIPT)],
      [`${LOCAL_EXPLORER_PATH}/explorer.css`, page("text/css; charset=utf-8", CSS)],
      [`${LOCAL_EXPLORER_PATH}/react.production.min.js`, page(script, packageFile("react", "umd/react.production.min.js"))],
      [`${LOCAL_EXPLORER_PATH}/react-dom.production.min.js`, page(script, packageFile("react-dom", "umd/react-dom.production.min.js"))],
      [`${LOCAL_EXPLORER_PATH}/graphiql.min.js`, page(script, packageFile("graphiql", "graphiql.min.js"))],
      [`${LOCAL_EXPLORER_PATH}/graphiql.min.css`, page("text/css; charset=utf-8", packageFile("graphiql", "graphiql.min.css"))],
    ]);
  } catch {
    return null;
  }
}
