import { randomUUID } from "node:crypto";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it("accepts a uuid in either case", () => {
    const id = randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
  });

  it.each([
    "",
    "not-a-uuid",
    "7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a1",
    "7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a111",
    "7d0c4a5786a54c839c6f1f1c1c7b2a11",
    "{7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a11}",
    " 7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a11",
    "7d0c4a57-86a5-4c83-9c6f-1f1c1c7b2a1g",
    "1; DROP TABLE x",
  ])("refuses %j", (value) => {
    expect(isUuid(value)).toBe(false);
  });
});
