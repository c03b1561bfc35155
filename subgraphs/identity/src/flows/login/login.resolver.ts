import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { signIn } from "./login.flow";
import { LoginInput } from "./login.input";
import { LoginResult } from "./login.result";

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginResult, {
    description:
      "Username and password sign-in. From a registered device (valid deviceToken of this\n" +
      "user) it signs in at once; from any other device it answers StepUpRequired.\n" +
      "Failed attempts count toward a temporary lock of the online access.",
  })
  login(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() context: IdentityContext): Promise<typeof LoginResult> {
    return signIn(context, input);
  }
}
