import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDisableSuggestions } from "@apollo/server/plugin/disableSuggestions";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import type { GatewayContext } from "./context";
import { nulCharactersPlugin } from "./nul-characters";
import { persistedQueriesNotSupportedPlugin } from "./persisted-queries";
import { unknownOperationPlugin } from "./unknown-operation";

/**
 * The gateway's Apollo plugins: clear 400s for an unknown operation name, for NUL characters and
 * for a persisted query; Sandbox at /graphql outside production; in production no landing
 * page and no "did you mean" hints that would spell out the schema. Nothing is reported to
 * Apollo's cloud and no traces are collected, whatever APOLLO_KEY says.
 */
export function gatewayPlugins(production: boolean): ApolloServerPlugin<GatewayContext>[] {
  const always = [
    unknownOperationPlugin(),
    nulCharactersPlugin(),
    persistedQueriesNotSupportedPlugin(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
  ];
  return production
    ? [...always, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions()]
    : [...always, ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })];
}
