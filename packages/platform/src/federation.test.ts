import { graphql } from "graphql";
import { Authorized, Query, Resolver } from "type-graphql";
import { buildFederatedSchema } from "./federation";

let ran = 0;

@Resolver()
class GuardedResolver {
  @Authorized()
  @Query(() => String)
  guarded(): string {
    ran++;
    return "answered";
  }
}

describe("buildFederatedSchema", () => {
  it("refuses an @Authorized field of a schema built without a checker, before its resolver runs", async () => {
    // type-graphql refuses to build such a schema unless a checker is given: the one given by default refuses.
    const schema = await buildFederatedSchema({ resolvers: [GuardedResolver] });
    const answer = await graphql({ schema, source: "{ guarded }" });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.length).toBe(1);
    expect(ran).toBe(0);
  });

  it("asks the schema's own checker when it brings one", async () => {
    const schema = await buildFederatedSchema({ resolvers: [GuardedResolver], authChecker: () => true });
    expect(await graphql({ schema, source: "{ guarded }" })).toEqual({ data: { guarded: "answered" } });
    expect(ran).toBe(1);
  });
});
