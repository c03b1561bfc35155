import { buildFederatedSchema } from "@oa/platform";
import type { GraphQLSchema } from "graphql";
import { SecurityQuestionResolver } from "./modules/security-question/security-question.resolver";
import { UserResolver, userReference } from "./modules/user/user.resolver";

/** identity's subgraph schema; needs no connection, so `npm run compose` can print it. */
export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [UserResolver, SecurityQuestionResolver],
      orphanedTypes: [],
    },
    { User: userReference },
  );
}
