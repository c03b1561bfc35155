import { createUnionType, Field, ObjectType } from "type-graphql";
import { EnrollmentRejection } from "./enrollment-rejection";

@ObjectType()
export class EnrollmentSucceeded {
  @Field()
  username!: string;
}

@ObjectType()
export class EnrollmentRejected {
  @Field(() => EnrollmentRejection)
  code!: EnrollmentRejection;

  @Field({ description: "A message fit to show the person; it never says which detail failed to verify." })
  message!: string;
}

export const EnrollResult = createUnionType({
  name: "EnrollResult",
  types: () => [EnrollmentSucceeded, EnrollmentRejected] as const,
  resolveType: (value) => ("code" in value ? "EnrollmentRejected" : "EnrollmentSucceeded"),
});
