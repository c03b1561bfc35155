import { registerEnumType } from "type-graphql";

/** The ways a person can prove it is them when signing in from an unregistered device. */
export enum StepUpMethod {
  SMS_CODE = "SMS_CODE",
  EMAIL_CODE = "EMAIL_CODE",
  SECURITY_QUESTIONS = "SECURITY_QUESTIONS",
}

registerEnumType(StepUpMethod, { name: "StepUpMethod" });

/** The methods that send a code to a contact on file. */
export type CodeMethod = StepUpMethod.SMS_CODE | StepUpMethod.EMAIL_CODE;

export function isCodeMethod(method: StepUpMethod): method is CodeMethod {
  return method === StepUpMethod.SMS_CODE || method === StepUpMethod.EMAIL_CODE;
}
