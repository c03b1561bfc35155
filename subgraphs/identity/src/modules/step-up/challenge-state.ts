import type { LockoutSubject } from "../lockout/login-lockout";
import type { StepUpMethod } from "./step-up-method";

export type ChallengeStatus = "pending" | "completed" | "void";

/** What completing the challenge does: sign in (verifyStepUp) or recover the login (completeRecovery); never the other. */
export type ChallengePurpose = "signIn" | "recovery";

/** One way to verify, with the masked contact for the code methods. */
export interface MethodOffer {
  method: StepUpMethod;
  destination: string | null;
}

/** What the step-up state machine reads and changes; times are epoch milliseconds, 0 for none. */
export interface ChallengeState {
  /** Fixed when the challenge is opened. */
  purpose: ChallengePurpose;
  status: ChallengeStatus;
  /** Wrong codes or answers so far. */
  attempts: number;
  /** Tries taken and being checked right now (their codes or answers not yet known right or wrong). */
  checking: number;
  expiresAt: number;
  /** The hash of the live code; empty until a code is sent. The code itself is never stored. */
  codeHash: string;
  codeExpiresAt: number;
  codeSentAt: number;
  methods: MethodOffer[];
  questionIds: string[];
}

/** A challenge as the store holds it: the state, whose it is, and the version each change moves on. */
export interface StoredChallenge extends ChallengeState {
  id: string;
  userId: string;
  customerId: string;
  /** Whose lockout budget the challenge's wrong tries count against. */
  subject: LockoutSubject;
  version: number;
}

export type NewChallenge = Pick<StoredChallenge, "purpose" | "userId" | "customerId" | "subject" | "questionIds" | "methods">;
