import type { AttemptGuard, GuardState } from "./attempt-guard";

/** One budget a try is counted against: whose tries (`subject`) on which guard, named for the answer. */
export interface AttemptPlace<Name extends string = string> {
  name: Name;
  guard: AttemptGuard;
  subject: string;
}

/** A place that refused: locked (with the time left) or busy (every try left is being checked). */
export type Refusal<Name extends string = string> = { name: Name; state: Exclude<GuardState, { locked: false; busy?: undefined }> };

/** How each place ended up after a failure; `justLocked` on a place tells its caller to send any notice. */
export type FailureStates<Name extends string = string> = { name: Name; state: GuardState }[];

/**
 * Places held on several budgets for one check. Exactly one of `failed`, `released` or
 * `succeeded` ends them; later calls do nothing, so a `finally` may release safely.
 */
export class HeldPlaces<Name extends string = string> {
  private ended = false;

  constructor(private readonly places: AttemptPlace<Name>[]) {}

  /** The check failed: one failure on every budget. */
  async failed(): Promise<FailureStates<Name>> {
    if (this.end()) return [];
    return Promise.all(this.places.map(async ({ name, guard, subject }) => ({ name, state: await guard.failed(subject) })));
  }

  /** The check was neither a failure nor a success (e.g. the right password, step-up still to come). */
  async released(): Promise<void> {
    if (this.end()) return;
    await Promise.all(this.places.map(({ guard, subject }) => guard.release(subject)));
  }

  /** The check succeeded: each budget that forgets on success forgets its failures. */
  async succeeded(): Promise<void> {
    if (this.end()) return;
    await Promise.all(this.places.map(({ guard, subject }) => guard.succeeded(subject)));
  }

  private end(): boolean {
    const already = this.ended;
    this.ended = true;
    return already;
  }
}

/**
 * Takes a place on every budget, in order, before one costly check: all of them, or none (the
 * first that is locked or busy refuses, and the places taken before it are given back). Each
 * guard is atomic on its own subject, so a parallel burst gets no more checks than the tightest
 * budget allows; the keys of different subjects need not share a Redis slot.
 */
export async function reservePlaces<Name extends string>(places: AttemptPlace<Name>[]): Promise<{ held: HeldPlaces<Name> } | { refused: Refusal<Name> }> {
  const taken: AttemptPlace<Name>[] = [];
  for (const place of places) {
    let state: GuardState;
    try {
      state = await place.guard.reserve(place.subject);
    } catch (error) {
      await new HeldPlaces(taken).released().catch(() => undefined);
      throw error;
    }
    if (state.locked || state.busy) {
      await new HeldPlaces(taken).released();
      return { refused: { name: place.name, state } };
    }
    taken.push(place);
  }
  return { held: new HeldPlaces(taken) };
}

/**
 * reservePlaces for a try whose first places are known at once and whose others only once
 * something is looked up (whose try it is): `first` is reserved right away, while `rest` is still
 * being worked out, and the others after it, in that order; all or none, as reservePlaces. When
 * `rest` fails, what was taken is given back and its error thrown.
 */
export async function reservePlacesInTurn<Name extends string>(
  first: AttemptPlace<Name>[],
  rest: Promise<AttemptPlace<Name>[]>,
): Promise<{ held: HeldPlaces<Name> } | { refused: Refusal<Name> }> {
  const early = reservePlaces(first);
  // Awaited below; until then a failure of it must not count as unhandled (which ends the process).
  early.catch(() => undefined);
  let later: AttemptPlace<Name>[];
  try {
    later = await rest;
  } catch (error) {
    const taken = await early.catch(() => null);
    if (taken && "held" in taken) await taken.held.released().catch(() => undefined);
    throw error;
  }
  const taken = await early;
  if ("refused" in taken) return taken;
  let then: Awaited<ReturnType<typeof reservePlaces<Name>>>;
  try {
    then = await reservePlaces(later);
  } catch (error) {
    await taken.held.released().catch(() => undefined);
    throw error;
  }
  if ("refused" in then) {
    await taken.held.released();
    return then;
  }
  return { held: new HeldPlaces([...first, ...later]) };
}
