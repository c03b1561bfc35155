import { badUserInput } from "@oa/platform";
import { MAX_USERNAME_LENGTH } from "../../flows/login/login.flow";
import { MAX_EVENTS_PER_READ } from "../security-event/security-events";

/** Who acted and why, as events record a support action. */
export interface SupportActor {
  agent: string;
  reason: string;
}

const AGENT = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const MAX_REASON_LENGTH = 500;
// Control, format (bidi, zero-width) and line or paragraph separators: a reason is one plain line.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// Nine digits or more, spaces and dashes between them allowed: a tax id or an account number.
const LONG_NUMBER = /\d(?:[\s-]*\d){8}/;
const LAST4 = /^\d{4}$/;
const MAX_QUESTION_ID_LENGTH = 64;
// As step-up: no answer this long was ever stored.
const MAX_ANSWER_LENGTH = 1024;

// The messages name the rule, never the value given (it may be a secret typed in the wrong place).

/** The username as given, when it could be one. */
export function checkUsername(username: string): string {
  if (username.trim() === "" || username.length > MAX_USERNAME_LENGTH) throw badUserInput(`A username is 1 to ${MAX_USERNAME_LENGTH} characters.`);
  return username;
}

/** The agent and reason, trimmed, when fit to be recorded in the user's events. */
export function checkActor(agent: string, reason: string): SupportActor {
  const trimmedAgent = agent.trim();
  if (!AGENT.test(trimmedAgent)) throw badUserInput("agent is 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.");
  const trimmedReason = reason.trim();
  if (trimmedReason === "" || trimmedReason.length > MAX_REASON_LENGTH || UNPRINTABLE.test(trimmedReason)) {
    throw badUserInput(`reason is 1 to ${MAX_REASON_LENGTH} characters of one line.`);
  }
  if (LONG_NUMBER.test(trimmedReason)) throw badUserInput("reason must not hold a tax id or an account number: it is recorded in the user's events.");
  return { agent: trimmedAgent, reason: trimmedReason };
}

/** The proof's parts, when they have its form (whether they are right is the unlock's to say). */
export function checkProof(last4: string, questionId: string, answer: string): void {
  if (!LAST4.test(last4)) throw badUserInput("last4 is the last 4 digits of the SSN or Tax ID.");
  if (questionId === "" || questionId.length > MAX_QUESTION_ID_LENGTH) throw badUserInput("questionId is the id of a security question.");
  if (answer.trim() === "" || answer.length > MAX_ANSWER_LENGTH) throw badUserInput(`An answer is 1 to ${MAX_ANSWER_LENGTH} characters.`);
}

/** How many events one read gives. */
export function checkEventCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_EVENTS_PER_READ) throw badUserInput(`first must be 1 to ${MAX_EVENTS_PER_READ}.`);
  return first;
}
