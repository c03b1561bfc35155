import { Ctx, Query, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { SecurityQuestion } from "./security-question.type";

@Resolver()
export class SecurityQuestionResolver {
  @Query(() => [SecurityQuestion], { description: "The security questions a person may pick from at enrollment." })
  securityQuestionCatalog(@Ctx() context: IdentityContext): Promise<SecurityQuestion[]> {
    return context.services.catalog.list();
  }
}
