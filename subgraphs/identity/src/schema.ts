import { buildFederatedSchema } from "@oa/platform";
import type { GraphQLSchema } from "graphql";
import { identityAuthChecker } from "./access";
import { CredentialsResolver } from "./flows/credentials/credentials.resolver";
import { EnrollmentResolver } from "./flows/enrollment/enrollment.resolver";
import { LoginResolver } from "./flows/login/login.resolver";
import { RecoveryResolver } from "./flows/recovery/recovery.resolver";
import { StepUpResolver } from "./flows/step-up/step-up.resolver";
import { UserSecurityEventsResolver } from "./modules/security-event/user-security-events.resolver";
import { SecurityQuestionResolver } from "./modules/security-question/security-question.resolver";
import { sessionResolvers } from "./modules/session/session-resolvers";
import { SupportResolver } from "./modules/support/support.resolver";
import { UserResolver, userReference } from "./modules/user/user.resolver";

/** identity's subgraph schema; needs no connection, so `npm run compose` can print it. */
export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        UserResolver,
        SecurityQuestionResolver,
        EnrollmentResolver,
        LoginResolver,
        StepUpResolver,
        ...sessionResolvers,
        UserSecurityEventsResolver,
        SupportResolver,
        RecoveryResolver,
        CredentialsResolver,
      ],
      orphanedTypes: [],
      // `@Authorized` fields: a session, or one internal caller (access.ts).
      authChecker: identityAuthChecker,
    },
    { User: userReference },
  );
}
