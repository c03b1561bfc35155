import type { DeviceTrustCalls } from "../device/device-trust.calls";
import type { LockoutSubject, LoginLockout } from "./login-lockout";

/** Every budget that can lock a person out: their own, each of their registered devices', and their recovery budget (decision 0012). */
export interface PersonLockSubjects {
  person: LockoutSubject;
  devices: LockoutSubject[];
  recovery: LockoutSubject;
}

/** The person's lock subjects; asks device-trust for their registered devices. */
export async function lockSubjectsOf(
  deps: { lockout: LoginLockout; deviceTrust: Pick<DeviceTrustCalls, "registeredDeviceIds"> },
  login: { userId: string; username: string },
): Promise<PersonLockSubjects> {
  const person = deps.lockout.subjectOf(login.username);
  const deviceIds = await deps.deviceTrust.registeredDeviceIds(login.userId);
  return {
    person,
    devices: deviceIds.map((deviceId) => deps.lockout.deviceSubjectOf(person, deviceId)),
    recovery: deps.lockout.recoverySubjectOf(person),
  };
}

/** Whether signing in is locked now, for the person or a device (asked before the change that lifts it, so it is recorded with it). */
export async function anyLocked(lockout: LoginLockout, subjects: PersonLockSubjects): Promise<boolean> {
  const states = await Promise.all([subjects.person, ...subjects.devices].map((subject) => lockout.check(subject)));
  return states.some((state) => state.locked);
}

/** Lifts every lock and forgets every failure of the person, their devices and their recovery; true when a lock was lifted. */
export async function liftLocks(lockout: LoginLockout, subjects: PersonLockSubjects): Promise<boolean> {
  const lifted = await Promise.all([subjects.person, ...subjects.devices, subjects.recovery].map((subject) => lockout.lift(subject)));
  return lifted.some(Boolean);
}
