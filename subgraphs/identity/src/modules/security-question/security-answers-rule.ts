import { normaliseAnswer } from "../credentials/answer-normalisation";
import { say } from "../messages/messages";

export const SECURITY_ANSWER_COUNT = 3;
export const ANSWER_MAX_LENGTH = 100;

/** One answer as given: to a question of the catalog, by its id (SecurityAnswerInput). */
export interface GivenAnswer {
  questionId: string;
  answer: string;
}

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
export function checkSecurityAnswers(answers: GivenAnswer[], questionIds: ReadonlySet<string>): AnswersCheck {
  if (answers.length !== SECURITY_ANSWER_COUNT) return { valid: false, message: say("answers.count") };
  const chosen = new Set(answers.map((answer) => answer.questionId));
  if (chosen.size !== SECURITY_ANSWER_COUNT || [...chosen].some((id) => !questionIds.has(id))) {
    return { valid: false, message: say("answers.differentQuestions") };
  }
  const normalised = answers.map((answer) => ({ questionId: answer.questionId, normalisedAnswer: normaliseAnswer(answer.answer) }));
  if (normalised.some(({ normalisedAnswer }) => normalisedAnswer === "" || [...normalisedAnswer].length > ANSWER_MAX_LENGTH)) {
    return { valid: false, message: say("answers.length", { max: ANSWER_MAX_LENGTH }) };
  }
  return { valid: true, answers: normalised };
}
