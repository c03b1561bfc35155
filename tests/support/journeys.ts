import { expect } from "@jest/globals";
import { answers, GOOD_PASSWORD } from "./fixtures";
import type { TestSystem } from "./system";

interface Person {
  taxId: string;
  mobilePhone: string | null;
  email: string | null;
}

/** Enrolls a person through the gateway with a deposit or Auto account. */
export async function enroll(system: TestSystem, person: Person, username: string, account: Record<string, string>) {
  const catalog = (await system.run("SecurityQuestionCatalog")).body.data!.securityQuestionCatalog;
  const { body } = await system.run("Enroll", {
    input: { taxId: person.taxId, username, password: GOOD_PASSWORD, securityAnswers: answers(catalog), ...account },
  });
  return body.data!.enroll;
}

/** Signs in through step-up with a code sent by SMS (or email when no phone); returns the session and device token. */
export async function signIn(system: TestSystem, person: Person, username: string, rememberDevice?: { name: string; platform: string }) {
  const login = (await system.run("Login", { input: { username, password: GOOD_PASSWORD } })).body.data!.login;
  expect(login.__typename).toBe("StepUpRequired");
  const method = person.mobilePhone ? "SMS_CODE" : "EMAIL_CODE";
  const sent = (await system.run("SendSecurityCode", { input: { challengeId: login.challenge.id, method } })).body.data!.sendSecurityCode;
  expect(sent.__typename).toBe("SecurityCodeSent");
  const code = system.outbox.latestCode((person.mobilePhone ?? person.email)!);
  const verified = (await system.run("VerifyStepUp", { input: { challengeId: login.challenge.id, code, rememberDevice } })).body.data!.verifyStepUp;
  expect(verified.__typename).toBe("StepUpSucceeded");
  return {
    accessToken: verified.session.accessToken as string,
    deviceToken: verified.registeredDevice?.deviceToken as string | undefined,
    deviceId: verified.registeredDevice?.device.id as string | undefined,
  };
}
