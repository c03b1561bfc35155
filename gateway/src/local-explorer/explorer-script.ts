/**
 * The script of the local explorer's page: GraphiQL (its UMD build, on React's UMD build, both
 * loaded before it from the gateway) against this gateway's /graphql. `?query=` opens with that
 * query, as GraphiQL's own example pages do. No inline script: the page's policy allows scripts
 * from the gateway only.
 */
export const EXPLORER_SCRIPT = `"use strict";
(function () {
  var query = new URLSearchParams(location.search).get("query");
  var fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", location.href).toString() });
  var props = {
    fetcher: fetcher,
    defaultQuery: "# The local explorer: GraphiQL from the project's own packages, no network needed.\\n{\\n  securityQuestionCatalog {\\n    id\\n    text\\n  }\\n}\\n",
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false
  };
  if (query) props.query = query;
  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, props));
})();
`;
