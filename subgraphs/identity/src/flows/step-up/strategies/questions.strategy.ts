import type DataLoader from "dataloader";
import { normaliseAnswer } from "../../../modules/credentials/answer-normalisation";
import { verifyAgainstDummy, verifySecret } from "../../../modules/credentials/secret-hashing";
import type { GivenAnswer } from "../../../modules/security-question/security-answers-rule";
import type { StoredChallenge } from "../../../modules/step-up/challenge-state";
import { stepUpRefusals } from "../step-up.outcome";
import type { StepUpStrategy } from "./step-up-strategy";

// No answer this long was ever stored (enrollment limits answers); it is not worth a hash.
const MAX_ANSWER_LENGTH = 1024;

/** A login's stored answers (question id and argon2id hash), by user id: the request's loader. */
export type StoredAnswers = Pick<DataLoader<string, { questionId: string; answerHash: string }[]>, "load">;

/** The answers to the challenge's two questions, checked against the stored hashes. */
export function questionsStrategy(storedAnswers: StoredAnswers, answers: GivenAnswer[]): StepUpStrategy {
  return {
    kind: "answers",
    codeHash: null,
    check: async (challenge) => ({ kind: "answers", right: await answersMatch(storedAnswers, challenge, answers) }),
    wrong: stepUpRefusals.invalidAnswers,
  };
}

/**
 * True when the answers are to exactly the challenge's two questions and both match the stored
 * hashes. Both are always checked, so the time says nothing about which one was wrong.
 */
export async function answersMatch(storedAnswers: StoredAnswers, challenge: StoredChallenge, answers: GivenAnswer[]): Promise<boolean> {
  const given = new Map(answers.map((answer) => [answer.questionId, answer.answer]));
  const asked = new Set(challenge.questionIds);
  const sameQuestions = answers.length === asked.size && given.size === asked.size && [...asked].every((id) => given.has(id));
  if (!sameQuestions || asked.size === 0) return false;

  const stored = new Map((await storedAnswers.load(challenge.userId)).map((answer) => [answer.questionId, answer.answerHash]));
  const checks = await Promise.all(
    [...asked].map((questionId) => {
      const answer = given.get(questionId) ?? "";
      const hash = stored.get(questionId);
      if (!hash || answer.length > MAX_ANSWER_LENGTH) return verifyAgainstDummy(answer.slice(0, MAX_ANSWER_LENGTH));
      return verifySecret(hash, normaliseAnswer(answer));
    }),
  );
  return checks.every(Boolean);
}
