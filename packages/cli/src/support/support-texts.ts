// The words the support agent reads, in one place.

export const supportTexts = {
  unlocked: "Unlocked: online access is open again, on the login and on each of its registered devices.",
  notVerified: "Not unlocked: the proof does not match (or no login has that username). Nothing was lifted, and the try counts toward the lock.",
  tooManyAttempts: (retryAfterSeconds: number) => `Not unlocked: too many wrong proofs for this username lately. Try again in ${waitOf(retryAfterSeconds)}; nothing was checked.`,
  sessionsEnded: (count: number) => `Ended ${count === 1 ? "1 session" : `${count} sessions`}; no refresh token of the login works any more.`,
  noSessions: "No open sessions to end; no refresh token of the login works any more.",
  unknownUser: "No login has that username.",
} as const;

function waitOf(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
