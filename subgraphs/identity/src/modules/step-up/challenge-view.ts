import type { SecurityQuestion } from "../security-question/security-question.type";
import { StepUpChallenge, StepUpMethodOption } from "./step-up-challenge.type";
import type { StoredChallenge } from "./challenge-state";

/** The client's view of a stored challenge: masked contacts, question texts, no state. */
export function toStepUpChallenge(challenge: StoredChallenge, catalog: ReadonlyMap<string, SecurityQuestion>): StepUpChallenge {
  return Object.assign(new StepUpChallenge(), {
    id: challenge.id,
    expiresAt: new Date(challenge.expiresAt),
    methods: challenge.methods.map((offer) => Object.assign(new StepUpMethodOption(), offer)),
    questions: challenge.questionIds.flatMap((id) => {
      const question = catalog.get(id);
      return question ? [{ id: question.id, text: question.text }] : [];
    }),
  });
}
