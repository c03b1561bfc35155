import { createUnionType, Field, ObjectType } from "type-graphql";
import { EnrollmentRejection } from "./enrollment-rejection";

@ObjectType({ description: "Online access is set up: sign in with login." })
export class EnrollmentSucceeded {
  @Field({ description: "The username, as chosen." })
  username!: string;
}

@ObjectType({ description: "The enrollment was refused and nothing was set up; code says why." })
export class EnrollmentRejected {
  @Field(() => EnrollmentRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: EnrollmentRejection;

  @Field({ description: "A message fit to show the person; it never says which detail failed to verify." })
  message!: string;
}

export const EnrollResult = createUnionType({
  name: "EnrollResult",
  description: "What enroll answers: the login set up, or why not.",
  types: () => [EnrollmentSucceeded, EnrollmentRejected] as const,
  resolveType: (value) => ("code" in value ? "EnrollmentRejected" : "EnrollmentSucceeded"),
});
