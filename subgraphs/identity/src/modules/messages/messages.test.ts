import { MESSAGES, type MessageId, say } from "./messages";

const PHONE = "1-800-555-0199";
// What each message names, where it names anything.
const PARAMS = { supportPhone: PHONE, retryAfterSeconds: 125, triesLeft: 2, min: 12, max: 128 };

describe("the catalog of what a person reads", () => {
  it.each(Object.keys(MESSAGES) as MessageId[])("%s is one plain sentence or more, with every blank filled", (id) => {
    const text = (MESSAGES[id] as (params: typeof PARAMS) => string)(PARAMS);
    expect(text).toMatch(/^[A-Z].*[.]$/);
    expect(text).not.toMatch(/undefined|null|NaN|\[object|\$\{|\n/);
  });

  it("names how long to wait in whole minutes, or in seconds where a minute is too long", () => {
    expect(say("proof.tooManyAttempts", { retryAfterSeconds: 0 })).toBe("Too many tries. Please wait 1 minute and try again.");
    expect(say("proof.tooManyAttempts", { retryAfterSeconds: 61 })).toBe("Too many tries. Please wait 2 minutes and try again.");
    expect(say("stepUp.resendTooSoon", { retryAfterSeconds: 1 })).toBe("A code was just sent. You can ask for another in 1 second.");
    expect(say("stepUp.tooManyCodes", { retryAfterSeconds: 45 })).toBe("Several codes were sent to you just now. You can ask for another in 45 seconds.");
    expect(say("stepUp.tooManyCodes", { retryAfterSeconds: 61 })).toBe("Several codes were sent to you just now. You can ask for another in 2 minutes.");
    expect(say("credentials.paused", { retryAfterSeconds: 1 })).toBe("Too many unsuccessful attempts. Please wait 1 minute and try again.");
  });

  it("counts the tries left", () => {
    expect(say("stepUp.invalidCode", { triesLeft: 1 })).toBe("That code is not right. You have 1 try left.");
    expect(say("stepUp.invalidAnswers", { triesLeft: 2 })).toBe("Those answers do not match our records. You have 2 tries left.");
  });

  it("gives the support number where it asks the person to call us at it", () => {
    const render = (id: MessageId) => (MESSAGES[id] as (params: typeof PARAMS) => string)(PARAMS);
    const givesNumber = (Object.keys(MESSAGES) as MessageId[]).filter((id) => render(id).includes(PHONE)).sort();
    expect(givesNumber).toEqual(
      ["credentials.locked", "login.accountLocked", "recovery.codesPaused", "recovery.codesUsedUp", "recovery.noContactOnFile", "stepUp.accountLocked"].sort(),
    );
    for (const id of givesNumber) expect(render(id)).toMatch(new RegExp(`call us at ${PHONE}\\.$`, "i"));
    expect(say("login.accountLocked", { supportPhone: PHONE })).toBe(
      `Online access is locked for your security after too many unsuccessful attempts. Please try again later, or call us at ${PHONE}.`,
    );
  });
});
