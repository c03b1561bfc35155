import { badUserInput, isUuid, requireInternalCaller } from "@oa/platform";
import { Arg, Args, Ctx, Directive, ID, Mutation, Resolver } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { AddToSnapshotArgs } from "./snapshot-internal.args";

/** Internal mutations for identity's enrollment; `@inaccessible`, so never in the public API, and identity's alone. */
@Resolver()
export class SnapshotInternalResolver {
  /** Puts an account on a user's Snapshot; idempotent. false for an unknown account. */
  @Directive("@inaccessible")
  @Mutation(() => Boolean)
  addToSnapshot(@Args(() => AddToSnapshotArgs) { userId, accountId }: AddToSnapshotArgs, @Ctx() context: VehicleAccountContext): Promise<boolean> {
    requireInternalCaller(context.credential, "identity", "addToSnapshot");
    if (!isUuid(userId)) throw badUserInput("userId must be a user id.");
    return context.services.snapshots.ensure(userId, accountId);
  }

  /** Empties a user's Snapshot: the undo of an enrollment that failed after addToSnapshot. */
  @Directive("@inaccessible")
  @Mutation(() => Boolean)
  async clearSnapshot(@Arg("userId", () => ID) userId: string, @Ctx() context: VehicleAccountContext): Promise<boolean> {
    requireInternalCaller(context.credential, "identity", "clearSnapshot");
    if (!isUuid(userId)) throw badUserInput("userId must be a user id.");
    await context.services.snapshots.clear(userId);
    return true;
  }
}
