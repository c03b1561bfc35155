import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "@oa/platform";
import { SecurityQuestion } from "../security-question/security-question.type";
import type { ChallengeView } from "./challenge-view";
import { StepUpMethod } from "./step-up-method";

@ObjectType({ description: "One way the challenge offers to verify." })
export class StepUpMethodOption {
  @Field(() => StepUpMethod, { description: "The method." })
  method!: StepUpMethod;

  @Field(() => String, { nullable: true, description: "Masked phone or email for the code methods; null for SECURITY_QUESTIONS." })
  destination!: string | null;
}

/** A pending step-up as the person signing in sees it. */
@ObjectType({
  description: "A pending challenge, opened by login on an unregistered device or by startRecovery: the ways the person can prove it is them.",
})
export class StepUpChallenge {
  @Field(() => ID, { description: "The challenge's id, for sendSecurityCode, verifyStepUp and completeRecovery." })
  id!: string;

  @Field(() => DateTimeScalar, { description: "When the challenge ends if it is not completed." })
  expiresAt!: Date;

  @Field(() => [StepUpMethodOption], { description: "The ways this person can verify, with masked destinations (e.g. ***-***-0101)." })
  methods!: StepUpMethodOption[];

  @Field(() => [SecurityQuestion], { description: "Two of the person's three challenge questions, for SECURITY_QUESTIONS." })
  questions!: SecurityQuestion[];
}

/** The contract's StepUpChallenge for a challenge's view. */
export function toStepUpChallenge(view: ChallengeView): StepUpChallenge {
  return Object.assign(new StepUpChallenge(), {
    ...view,
    methods: view.methods.map((offer) => Object.assign(new StepUpMethodOption(), offer)),
  });
}
