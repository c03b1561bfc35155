import { registerEnumType } from "type-graphql";

/** The ways a person can prove it is them when signing in from an unregistered device. */
export enum StepUpMethod {
  SMS_CODE = "SMS_CODE",
  EMAIL_CODE = "EMAIL_CODE",
  SECURITY_QUESTIONS = "SECURITY_QUESTIONS",
}

registerEnumType(StepUpMethod, {
  name: "StepUpMethod",
  description: "A way to prove it is the person.",
  valuesConfig: {
    SMS_CODE: { description: "A 6-digit code sent by text message to the mobile phone on file." },
    EMAIL_CODE: { description: "A 6-digit code sent to the email address on file." },
    SECURITY_QUESTIONS: { description: "The answers to two of the person's three security questions." },
  },
});

/** The methods that send a code to a contact on file. */
export type CodeMethod = StepUpMethod.SMS_CODE | StepUpMethod.EMAIL_CODE;

export function isCodeMethod(method: StepUpMethod): method is CodeMethod {
  return method === StepUpMethod.SMS_CODE || method === StepUpMethod.EMAIL_CODE;
}
