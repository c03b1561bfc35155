import { Directive, Field, ID, ObjectType } from "type-graphql";

/** What trustedDevice answers identity: which registered device a token stands for. */
@Directive("@inaccessible")
@ObjectType()
export class TrustedDevice {
  @Field(() => ID)
  id!: string;

  @Field({ description: "Its name, for the security events identity records." })
  name!: string;
}
