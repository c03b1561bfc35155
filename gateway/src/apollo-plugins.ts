import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDisableSuggestions } from "@apollo/server/plugin/disableSuggestions";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import type { GatewayContext } from "./context";
import { landingPageWithLocalExplorer } from "./local-explorer";
import { nulCharactersPlugin } from "./nul-characters";
import { persistedQueryNotFoundPlugin } from "./persisted-queries";
import { unknownOperationPlugin } from "./unknown-operation";

/**
 * The gateway's Apollo plugins: clear 400s for an unknown operation name, for NUL characters and
 * for a hash that names no trusted document; Sandbox at /graphql outside production (its offline
 * note links the local explorer at `explorerPath`, when there is one); in production no landing
 * page and no "did you mean" hints that would spell out the schema. Nothing is reported to
 * Apollo's cloud and no traces are collected, whatever APOLLO_KEY says; no cache hints are
 * computed (every answer is no-store, security-headers.ts).
 */
export function gatewayPlugins(production: boolean, explorerPath: string | null = null): ApolloServerPlugin<GatewayContext>[] {
  const always = [
    unknownOperationPlugin(),
    nulCharactersPlugin(),
    persistedQueryNotFoundPlugin(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    ApolloServerPluginCacheControlDisabled(),
  ];
  return production ? [...always, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions()] : [...always, landingPageWithLocalExplorer(explorerPath)];
}
