import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";

// Apollo's landing page shows this when Sandbox's script cannot be loaded from Apollo's CDN.
const OFFLINE_NOTE = /(<div class="fallback">[\s\S]*?<\/p>)/;
// The page's per-request nonce, which its policy requires of every style element.
const NONCE = /nonce="?([0-9a-f]{64})"?/;

/**
 * What the landing page adds to Apollo's offline note: where the explorer is that needs no network.
 * Sandbox's frame holder covers the whole page, the note included, even when Sandbox never loads:
 * while it is empty it is hidden, so the link can be clicked.
 */
export function offlineExplorerNote(explorerPath: string, nonce: string): string {
  return `
  <p id="local-explorer">Offline? Apollo Sandbox loads from Apollo's CDN. Use the <a href="${explorerPath}">local explorer</a> (GraphiQL, served by this gateway from the project's own packages) instead.</p>
  <style nonce="${nonce}">#embeddableSandbox:empty { display: none; }</style>`;
}

/**
 * Apollo Sandbox at /graphql (Apollo's local landing page), whose offline note also links the local
 * explorer. Apollo's page without the link should its markup change (a test notices).
 */
export function landingPageWithLocalExplorer(explorerPath: string | null): ApolloServerPlugin {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
  if (explorerPath === null) return sandbox;
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const landingPage = await render.call(listener);
          return {
            html: async () => {
              const html = typeof landingPage.html === "string" ? landingPage.html : await landingPage.html();
              const nonce = NONCE.exec(html)?.[1];
              return nonce ? html.replace(OFFLINE_NOTE, (note) => `${note}${offlineExplorerNote(explorerPath, nonce)}`) : html;
            },
          };
        },
      };
    },
  };
}
