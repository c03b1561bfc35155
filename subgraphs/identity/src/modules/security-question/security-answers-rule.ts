import { normaliseAnswer } from "../credentials/answer-normalisation";
import type { SecurityAnswerInput } from "./security-answer.input";

export const SECURITY_ANSWER_COUNT = 3;
export const ANSWER_MAX_LENGTH = 100;

export interface NormalisedAnswer {
  questionId: string;
  normalisedAnswer: string;
}

export type AnswersCheck = { valid: true; answers: NormalisedAnswer[] } | { valid: false; message: string };

/**
 * A person's security answers, at enrollment and when they change them: exactly three, to three
 * different questions of the catalog (`questionIds`), each 1 to 100 characters once normalised.
 * The message names the rule broken, never an answer.
 */
export function checkSecurityAnswers(answers: SecurityAnswerInput[], questionIds: ReadonlySet<string>): AnswersCheck {
  if (answers.length !== SECURITY_ANSWER_COUNT) return { valid: false, message: "Answer exactly three security questions." };
  const chosen = new Set(answers.map((answer) => answer.questionId));
  if (chosen.size !== SECURITY_ANSWER_COUNT || [...chosen].some((id) => !questionIds.has(id))) {
    return { valid: false, message: "Choose three different questions from the list." };
  }
  const normalised = answers.map((answer) => ({ questionId: answer.questionId, normalisedAnswer: normaliseAnswer(answer.answer) }));
  if (normalised.some(({ normalisedAnswer }) => normalisedAnswer === "" || [...normalisedAnswer].length > ANSWER_MAX_LENGTH)) {
    return { valid: false, message: `Each answer must be 1 to ${ANSWER_MAX_LENGTH} characters.` };
  }
  return { valid: true, answers: normalised };
}
