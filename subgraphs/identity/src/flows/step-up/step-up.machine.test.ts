import type { ChallengeState } from "../../modules/step-up/challenge-state";
import { StepUpMethod } from "../../modules/step-up/step-up-method";
import { decide, type StepUpEvent, type StepUpLimits, type StepUpOutcome } from "./step-up.machine";

// The step-up rules, table by table, without Redis: the store only applies what decide returns.
const NOW = 1_800_000_000_000;
const LIMITS: StepUpLimits = { maxAttempts: 3, resendAfterMs: 30_000 };
const LIVE = "a".repeat(64);
const OTHER = "b".repeat(64);

const pending = (change: Partial<ChallengeState> = {}): ChallengeState => ({
  purpose: "signIn",
  status: "pending",
  attempts: 0,
  checking: 0,
  expiresAt: NOW + 600_000,
  codeHash: LIVE,
  codeExpiresAt: NOW + 300_000,
  codeSentAt: NOW - 60_000,
  methods: [
    { method: StepUpMethod.SMS_CODE, destination: "***-***-0101" },
    { method: StepUpMethod.SECURITY_QUESTIONS, destination: null },
  ],
  questionIds: ["Q1", "Q4"],
  ...change,
});

const codeTry: StepUpEvent = { type: "takeTry", proof: "code", codeHash: OTHER, purpose: "signIn" };
const answersTry: StepUpEvent = { type: "takeTry", proof: "answers", codeHash: null, purpose: "signIn" };
// A recovery challenge offers only the code methods, and no questions.
const recovery = (change: Partial<ChallengeState> = {}): ChallengeState =>
  pending({
    purpose: "recovery",
    methods: [
      { method: StepUpMethod.SMS_CODE, destination: "***-***-0101" },
      { method: StepUpMethod.EMAIL_CODE, destination: "d***@example.com" },
    ],
    questionIds: [],
    ...change,
  });
const recoveryTry: StepUpEvent = { type: "takeTry", proof: "code", codeHash: OTHER, purpose: "recovery" };
const rightCode: StepUpEvent = { type: "settle", proof: { kind: "code", codeHash: LIVE } };
const wrongCode: StepUpEvent = { type: "settle", proof: { kind: "code", codeHash: OTHER } };
const rightAnswers: StepUpEvent = { type: "settle", proof: { kind: "answers", right: true } };
const wrongAnswers: StepUpEvent = { type: "settle", proof: { kind: "answers", right: false } };
const send = (method: StepUpMethod, codeExpiresAt = NOW + 600_000): StepUpEvent => ({ type: "sendCode", method, codeHash: OTHER, codeExpiresAt });
const sendSms = (codeExpiresAt?: number) => send(StepUpMethod.SMS_CODE, codeExpiresAt);

type Row = [string, ChallengeState | null, StepUpEvent, StepUpOutcome, Partial<ChallengeState> | null];

describe("the step-up state machine", () => {
  const table: Row[] = [
    // takeTry: a place for one check, before the (slow) check runs
    ["a try on a pending challenge is taken", pending(), codeTry, { outcome: "tryTaken", triesLeft: 2 }, { checking: 1 }],
    ["tries under way count against the tries left", pending({ attempts: 1, checking: 1 }), answersTry, { outcome: "tryTaken", triesLeft: 0 }, { checking: 2 }],
    ["no try while wrong tries and checks under way hold every try left", pending({ attempts: 2, checking: 1 }), codeTry, { outcome: "busy" }, null],
    ["an unknown challenge", null, codeTry, { outcome: "challengeExpired" }, null],
    ["a challenge past its expiry, whatever its status", pending({ expiresAt: NOW }), codeTry, { outcome: "challengeExpired" }, null],
    ["a void challenge", pending({ status: "void", attempts: 3 }), codeTry, { outcome: "void" }, null],
    ["a completed challenge, with another code", pending({ status: "completed" }), codeTry, { outcome: "challengeExpired" }, null],
    ["a completed challenge, with the code that completed it", pending({ status: "completed" }), { ...codeTry, codeHash: LIVE }, { outcome: "codeExpired" }, null],
    ["a completed challenge, with answers", pending({ status: "completed" }), answersTry, { outcome: "challengeExpired" }, null],
    [
      "answers where no questions are offered",
      pending({ methods: [{ method: StepUpMethod.EMAIL_CODE, destination: "d***@example.com" }] }),
      answersTry,
      { outcome: "methodUnavailable" },
      null,
    ],
    [
      "a code where no code method is offered",
      pending({ methods: [{ method: StepUpMethod.SECURITY_QUESTIONS, destination: null }] }),
      codeTry,
      { outcome: "methodUnavailable" },
      null,
    ],

    // purpose: a challenge completes only what it was opened for
    ["a recovery try on a recovery challenge is taken", recovery(), recoveryTry, { outcome: "tryTaken", triesLeft: 2 }, { checking: 1 }],
    ["a sign-in try on a recovery challenge: no such challenge, nothing used", recovery(), codeTry, { outcome: "challengeExpired" }, null],
    ["a recovery try on a sign-in challenge: no such challenge, nothing used", pending(), recoveryTry, { outcome: "challengeExpired" }, null],
    [
      "a sign-in try with the code that completed a recovery learns nothing of it",
      recovery({ status: "completed" }),
      { ...codeTry, codeHash: LIVE },
      { outcome: "challengeExpired" },
      null,
    ],
    ["a recovery try on a void sign-in challenge learns nothing of it", pending({ status: "void", attempts: 3 }), recoveryTry, { outcome: "challengeExpired" }, null],
    ["answers on a recovery challenge are never taken", recovery(), { ...answersTry, purpose: "recovery" }, { outcome: "methodUnavailable" }, null],
    ["the recovery's live code completes it", recovery({ checking: 1 }), rightCode, { outcome: "completed" }, { status: "completed", checking: 0 }],
    ["a recovery's last wrong code voids it", recovery({ attempts: 2, checking: 1 }), wrongCode, { outcome: "voided" }, { attempts: 3, checking: 0, status: "void" }],
    [
      "a recovery challenge sends its codes",
      recovery({ codeHash: "", codeSentAt: 0, codeExpiresAt: 0 }),
      send(StepUpMethod.EMAIL_CODE),
      { outcome: "codeSent" },
      { codeHash: OTHER, codeExpiresAt: NOW + 600_000, codeSentAt: NOW },
    ],
    ["a recovery challenge never offers questions", recovery(), send(StepUpMethod.SECURITY_QUESTIONS), { outcome: "methodUnavailable" }, null],
    ["a recovery whose completion could not be finished is pending again", recovery({ status: "completed" }), { type: "reopen" }, { outcome: "given" }, { status: "pending" }],

    // settle: the taken try's proof, checked
    ["the live code completes", pending({ checking: 1 }), rightCode, { outcome: "completed" }, { status: "completed", checking: 0 }],
    ["right answers complete", pending({ checking: 1 }), rightAnswers, { outcome: "completed" }, { status: "completed", checking: 0 }],
    ["a wrong code uses a try", pending({ checking: 1 }), wrongCode, { outcome: "invalid", triesLeft: 2 }, { attempts: 1, checking: 0 }],
    ["wrong answers use a try", pending({ attempts: 1, checking: 2 }), wrongAnswers, { outcome: "invalid", triesLeft: 1 }, { attempts: 2, checking: 1 }],
    ["the last wrong try voids the challenge", pending({ attempts: 2, checking: 1 }), wrongCode, { outcome: "voided" }, { attempts: 3, checking: 0, status: "void" }],
    [
      "a code tried before any was sent is wrong",
      pending({ checking: 1, codeHash: "", codeSentAt: 0, codeExpiresAt: 0 }),
      { type: "settle", proof: { kind: "code", codeHash: "" } },
      { outcome: "invalid", triesLeft: 2 },
      { attempts: 1, checking: 0 },
    ],
    ["the right code past its expiry uses no try", pending({ checking: 1, codeExpiresAt: NOW - 1 }), rightCode, { outcome: "codeExpired" }, { checking: 0 }],
    ["a code replaced by a newer one is wrong", pending({ checking: 1, codeHash: OTHER }), rightCode, { outcome: "invalid", triesLeft: 2 }, { attempts: 1, checking: 0 }],
    ["a right code after another request completed it", pending({ checking: 1, status: "completed" }), rightCode, { outcome: "codeExpired" }, { checking: 0 }],
    ["right answers after parallel wrong ones voided it", pending({ checking: 1, status: "void", attempts: 3 }), rightAnswers, { outcome: "void" }, { checking: 0 }],
    ["a settle on an expired challenge changes nothing", pending({ checking: 1, expiresAt: NOW - 1 }), rightCode, { outcome: "challengeExpired" }, null],

    // sendCode
    ["a new code replaces the previous one", pending(), sendSms(), { outcome: "codeSent" }, { codeHash: OTHER, codeExpiresAt: NOW + 600_000, codeSentAt: NOW }],
    [
      "the first code of a challenge",
      pending({ codeHash: "", codeSentAt: 0, codeExpiresAt: 0 }),
      sendSms(),
      { outcome: "codeSent" },
      { codeHash: OTHER, codeExpiresAt: NOW + 600_000, codeSentAt: NOW },
    ],
    ["not within the resend interval", pending({ codeSentAt: NOW - 10_000 }), sendSms(), { outcome: "resendTooSoon", retryAfterSeconds: 20 }, null],
    [
      "a code that outlives the challenge extends it",
      pending(),
      sendSms(NOW + 900_000),
      { outcome: "codeSent" },
      { codeHash: OTHER, codeSentAt: NOW, expiresAt: NOW + 900_000, codeExpiresAt: NOW + 900_000 },
    ],
    ["a method the challenge does not offer", pending(), send(StepUpMethod.EMAIL_CODE), { outcome: "methodUnavailable" }, null],
    ["questions are not sent", pending(), send(StepUpMethod.SECURITY_QUESTIONS), { outcome: "methodUnavailable" }, null],
    ["no code for a void challenge", pending({ status: "void" }), sendSms(), { outcome: "void" }, null],
    ["no code for a completed challenge", pending({ status: "completed" }), sendSms(), { outcome: "challengeExpired" }, null],

    // abandon and reopen
    ["a try that could not be checked is given back", pending({ checking: 2 }), { type: "abandon" }, { outcome: "given" }, { checking: 1 }],
    ["a completed challenge whose sign-in failed is pending again", pending({ status: "completed" }), { type: "reopen" }, { outcome: "given" }, { status: "pending" }],
    ["a void challenge is never reopened", pending({ status: "void" }), { type: "reopen" }, { outcome: "given" }, null],
  ];

  it.each(table)("%s", (_case, challenge, event, outcome, change) => {
    const decision = decide(challenge, event, NOW, LIMITS);
    expect(decision.outcome).toEqual(outcome);
    expect(decision.next).toEqual(change === null ? null : { ...challenge, ...change });
  });

  it("never lets more tries be checked than the maximum, whatever the order of takes and settles", () => {
    let state = pending();
    let taken = 0;
    for (let i = 0; i < 10; i++) {
      const decision = decide(state, answersTry, NOW, LIMITS);
      if (decision.outcome.outcome === "tryTaken") taken += 1;
      state = decision.next ?? state;
    }
    expect(taken).toBe(LIMITS.maxAttempts);
    for (let i = 0; i < taken; i++) state = decide(state, wrongAnswers, NOW, LIMITS).next ?? state;
    expect(state).toMatchObject({ status: "void", attempts: 3, checking: 0 });
  });
});
