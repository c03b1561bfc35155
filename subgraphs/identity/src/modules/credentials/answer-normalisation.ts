/**
 * Security answers compare without regard to case or to surrounding and repeated spaces:
 * " New  York " and "new york" are the same answer.
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
