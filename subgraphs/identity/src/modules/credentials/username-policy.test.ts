import { isValidUsername, usernameKey } from "./username-policy";

describe("isValidUsername", () => {
  it.each(["dana.w", "Dana_Whitfield-84", "a".repeat(32), "123456", "a.b-c_"])("accepts %j", (username) => {
    expect(isValidUsername(username)).toBe(true);
  });

  it.each(["danaw", "a".repeat(33), "dana w84", "dana@w84", "dänaw84", "dana.w84 ", "", "dana\nw84"])("refuses %j", (username) => {
    expect(isValidUsername(username)).toBe(false);
  });
});

describe("usernameKey", () => {
  it("is the same for usernames that differ only in case", () => {
    expect(usernameKey("DanaW84")).toBe(usernameKey("danaw84"));
    expect(usernameKey("DanaW84")).toBe("danaw84");
  });
});
