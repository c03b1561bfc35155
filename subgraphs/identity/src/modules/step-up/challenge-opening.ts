import { randomInt } from "node:crypto";
import type DataLoader from "dataloader";
import { maskEmail, maskPhone } from "../../masking/contact-masking";
import type { CustomerContact } from "../customer/customer-contact.loader";
import type { LockoutSubject } from "../lockout/login-lockout";
import type { SecurityQuestionCatalog } from "../security-question/security-question.service";
import { type ChallengeView, challengeView } from "./challenge-view";
import type { MethodOffer } from "./challenge-state";
import type { StepUpChallengeStore } from "./step-up-challenge.store";
import { StepUpMethod } from "./step-up-method";

/** How many of the person's questions a challenge asks. */
export const QUESTIONS_PER_CHALLENGE = 2;

/** `count` of `items`, picked uniformly at random (a partial Fisher-Yates shuffle). */
export function pickRandom<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    const index = randomInt(0, pool.length);
    picked.push(pool[index]);
    pool.splice(index, 1);
  }
  return picked;
}

/** A code by SMS and by email, each where that contact is on file, with the masked destination. */
export function codeOffersOnFile(contact: CustomerContact | null): MethodOffer[] {
  const offers: MethodOffer[] = [];
  if (contact?.mobilePhone) offers.push({ method: StepUpMethod.SMS_CODE, destination: maskPhone(contact.mobilePhone) });
  if (contact?.email) offers.push({ method: StepUpMethod.EMAIL_CODE, destination: maskEmail(contact.email) });
  return offers;
}

/** What opening a sign-in challenge reads: the request's loaders, the question catalog, and the store. */
export interface ChallengeOpeningDeps {
  contacts: Pick<DataLoader<string, CustomerContact | null>, "load">;
  securityAnswers: Pick<DataLoader<string, { questionId: string }[]>, "load">;
  catalog: Pick<SecurityQuestionCatalog, "byId">;
  challengeStore: Pick<StepUpChallengeStore, "open">;
}

/**
 * Opens a step-up challenge for a login whose password was right: a code by SMS or email where
 * that contact is on file, and two of the person's three questions.
 */
export async function openStepUpChallenge(deps: ChallengeOpeningDeps, login: { userId: string; customerId: string }, subject: LockoutSubject): Promise<ChallengeView> {
  const [contact, answers, catalog] = await Promise.all([deps.contacts.load(login.customerId), deps.securityAnswers.load(login.userId), deps.catalog.byId()]);
  const methods: MethodOffer[] = [...codeOffersOnFile(contact), { method: StepUpMethod.SECURITY_QUESTIONS, destination: null }];

  const challenge = await deps.challengeStore.open({
    purpose: "signIn",
    userId: login.userId,
    customerId: login.customerId,
    subject,
    questionIds: pickRandom(
      answers.map((answer) => answer.questionId),
      QUESTIONS_PER_CHALLENGE,
    ),
    methods,
  });
  return challengeView(challenge, catalog);
}
