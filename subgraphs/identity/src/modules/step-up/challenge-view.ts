import type { MethodOffer, StoredChallenge } from "./challenge-state";

/** A question as the person reads it. */
export interface QuestionView {
  id: string;
  text: string;
}

/** The client's view of a challenge (the contract's StepUpChallenge): masked contacts, question texts, no state. */
export interface ChallengeView {
  id: string;
  expiresAt: Date;
  methods: MethodOffer[];
  questions: QuestionView[];
}

/** The view of a stored challenge; `catalog` gives the questions' texts. */
export function challengeView(challenge: StoredChallenge, catalog: ReadonlyMap<string, QuestionView>): ChallengeView {
  return {
    id: challenge.id,
    expiresAt: new Date(challenge.expiresAt),
    methods: challenge.methods.map((offer) => ({ ...offer })),
    questions: challenge.questionIds.flatMap((id) => {
      const question = catalog.get(id);
      return question ? [{ id: question.id, text: question.text }] : [];
    }),
  };
}
