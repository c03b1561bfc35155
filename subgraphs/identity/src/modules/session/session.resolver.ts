import { FieldResolver, Resolver, Root } from "type-graphql";
import { Session } from "./session.type";

@Resolver(() => Session)
export class SessionResolver {
  @FieldResolver(() => String, { nullable: true, description: "Present for BEARER sessions opened on a registered device: see refreshSession." })
  refreshToken(@Root() session: Session): Promise<string | null> | null {
    return session.refreshTokenOf ? session.refreshTokenOf() : null;
  }
}
