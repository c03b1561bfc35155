import { enroll as enrollPerson, type Person, signInWithStepUp } from "../../packages/cli/src/journeys/sign-in";
import { GOOD_PASSWORD } from "./fixtures";
import type { TestSystem } from "./system";

/** What the journeys need of a system: a gateway to send contract operations to, and the outbox. */
type Gateway = Pick<TestSystem, "runOperation" | "outbox">;

/** Enrolls a person through the gateway with a deposit or Auto account. */
export async function enroll(system: Gateway, person: Person, username: string, account: Record<string, string>) {
  return enrollPerson(system.runOperation, person, { username, password: GOOD_PASSWORD }, account);
}

/** Signs in through step-up with a code sent by SMS (or email when no phone); returns the session and device token. */
export async function signIn(system: Gateway, person: Person, username: string, rememberDevice?: { name: string; platform: string }) {
  return signInWithStepUp(system.runOperation, system.outbox, person, { username, password: GOOD_PASSWORD }, rememberDevice);
}
