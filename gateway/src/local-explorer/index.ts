export { LOCAL_EXPLORER_PATH, localExplorerPages } from "./explorer-pages";
export { landingPageWithLocalExplorer, offlineExplorerNote } from "./landing-page";
