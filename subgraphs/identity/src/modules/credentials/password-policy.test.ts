import { loadCommonPasswords } from "./common-passwords";
import { birthDateForms, checkPassword, checkPasswordForm, foldForComparison, type PasswordOwner } from "./password-policy";

const dana: PasswordOwner = {
  username: "dana.w84",
  firstName: "Dana",
  lastName: "Whitfield",
  dateOfBirth: "1984-03-09",
  taxIdDigits: "900100001",
};

const ruleOf = (password: string, owner = dana) => checkPassword(password, owner)?.rule ?? null;

describe("checkPassword", () => {
  it("accepts a long, uncommon password without personal details", () => {
    expect(checkPassword("copper-Kettle-moon-42", dana)).toBeNull();
    expect(checkPassword(`${"x".repeat(4)}Zebra!Lamp#77`, dana)).toBeNull();
  });

  it("asks for 12 to 128 characters", () => {
    expect(ruleOf("Sh0rt!Pass")).toBe("LENGTH");
    expect(ruleOf("a1b2c3d4e5f")).toBe("LENGTH");
    expect(ruleOf("copperKettle")).toBeNull();
    expect(ruleOf(`${"q".repeat(120)}Zebra!La`)).toBeNull();
    expect(ruleOf(`${"q".repeat(121)}Zebra!La`)).toBe("LENGTH");
    expect(checkPassword("short", dana)?.message).toBe("Your password must be 12 to 128 characters long.");
  });

  it("refuses passwords of the common list, and listed words dressed with digits or symbols", () => {
    const listedLong = [...loadCommonPasswords()].find((entry) => entry.length >= 12 && entry.length <= 128);
    expect(listedLong).toBeDefined();
    expect(ruleOf(listedLong!)).toBe("COMMON");
    expect(ruleOf(listedLong!.toUpperCase())).toBe("COMMON");
    expect(ruleOf("Password1234!")).toBe("COMMON");
    expect(ruleOf("!!Sunshine2024##")).toBe("COMMON");
    expect(ruleOf("1234567890!!")).toBe("COMMON");
    expect(ruleOf("##1111111111##")).toBe("COMMON");
    expect(checkPassword("Password1234!", dana)?.message).toBe("Your password is too common or too easy to guess. Choose one that is harder to guess.");
    // A listed word inside other letters is not the listed word.
    expect(ruleOf("passwordcopperkettle")).toBeNull();
  });

  it("refuses predictable patterns: repeated units, very few characters, straight runs", () => {
    expect(ruleOf("passwordpassword")).toBe("COMMON");
    expect(ruleOf("abcabcabcabc")).toBe("COMMON");
    expect(ruleOf(" ".repeat(12))).toBe("COMMON");
    expect(ruleOf("aaaaaaaaaaab")).toBe("COMMON");
    expect(ruleOf("123456789012")).toBe("COMMON");
    expect(ruleOf("987654321098")).toBe("COMMON");
    expect(ruleOf("abcdefghijklm")).toBe("COMMON");
    // Not patterns: a long unit of its own repeated, and runs inside other text.
    expect(ruleOf("copper-Kettle-copper-Kettle")).toBeNull();
    expect(ruleOf("abcdefgh-Lantern-7")).toBeNull();
  });

  it("loads a list of at least 10,000 entries", () => {
    expect(loadCommonPasswords().size).toBeGreaterThanOrEqual(10_000);
  });

  it("refuses the username, whatever its case", () => {
    expect(ruleOf("my-DANA.W84-kettle")).toBe("USERNAME");
    expect(checkPassword("my-dana.w84-kettle", dana)?.message).toBe("Your password must not contain your username.");
  });

  it("refuses the first or last name, whatever its case", () => {
    expect(ruleOf("copperDanaKettle!")).toBe("NAME");
    expect(ruleOf("copper-WHITFIELD-7")).toBe("NAME");
    expect(checkPassword("copperDanaKettle!", dana)?.message).toBe("Your password must not contain your name.");
    const mary = { ...dana, firstName: "Mary-Jo", lastName: "Li" };
    expect(ruleOf("copper-maryjo-kettle", mary)).toBe("NAME");
    expect(ruleOf("copper-mary-kettle!", mary)).toBe("NAME");
    // Two-letter name parts are left out.
    expect(ruleOf("reliable-copper-kettle", mary)).toBeNull();
  });

  it("refuses the name with or without its accents, on either side", () => {
    const siobhan = { ...dana, username: "siobhan.onk", firstName: "Siobhán", lastName: "O'Brien-Nakamura" };
    expect(ruleOf("siobhan-harbor-51x", siobhan)).toBe("NAME");
    expect(ruleOf("Siobhán-harbor-51x", siobhan)).toBe("NAME");
    expect(ruleOf("SIOBHÁN-harbor-51x", siobhan)).toBe("NAME");
    // Decomposed: "a" followed by a combining acute accent.
    expect(ruleOf("siobha\u0301n-harbor-51x", siobhan)).toBe("NAME");
    expect(ruleOf("harbor-obriennakamura", siobhan)).toBe("NAME");
    const plain = { ...dana, firstName: "Jose", lastName: "Muller" };
    expect(ruleOf("José-harbor-51x", plain)).toBe("NAME");
    expect(ruleOf("harbor-Müller-51x", plain)).toBe("NAME");
    const soren = { ...dana, firstName: "Søren", lastName: "Łukasiewicz" };
    expect(ruleOf("soren-harbor-51x", soren)).toBe("NAME");
    expect(ruleOf("harbor-lukasiewicz-5", soren)).toBe("NAME");
    expect(ruleOf("copper-Kettle-moon-42", siobhan)).toBeNull();
  });

  it("refuses the username written with accents or in full-width letters", () => {
    expect(ruleOf("my-DÁNA.W84-kettle")).toBe("USERNAME");
    expect(ruleOf("my-ｄａｎａ.ｗ８４-kettle")).toBe("USERNAME");
  });

  it.each(["19840309", "03091984", "09031984", "030984", "090384", "840309", "1984-03-09", "03/09/1984", "3/9/1984"])("refuses the birth date written as %s", (date) => {
    expect(ruleOf(`copper-Kettle-${date}`)).toBe("BIRTH_DATE");
  });

  it("says which rule failed for the birth date", () => {
    expect(checkPassword("copperKettle19840309", dana)?.message).toBe("Your password must not contain your date of birth.");
  });

  it("refuses the tax id or its last four digits", () => {
    expect(ruleOf("copperKettle900100001")).toBe("TAX_ID");
    expect(ruleOf("copperKettle900-10-0001")).toBe("TAX_ID");
    expect(ruleOf("copperKettle0001!")).toBe("TAX_ID");
    expect(checkPassword("copperKettle0001!", dana)?.message).toBe("Your password must not contain digits of your SSN or Tax ID.");
  });

  it("never echoes the password in its message", () => {
    for (const password of ["Password1234!", "copperDanaKettle!", "copperKettle0001!", "short"]) {
      expect(checkPassword(password, dana)?.message).not.toContain(password);
    }
  });
});

describe("checkPasswordForm", () => {
  it("judges length and commonness only: nothing of the person, so it tells nothing of them", () => {
    expect(checkPasswordForm("short-1A")?.rule).toBe("LENGTH");
    expect(checkPasswordForm("password1234")?.rule).toBe("COMMON");
    // A name, a birth date or tax id digits pass here: those rules wait until the person has proven it is them.
    expect(checkPasswordForm("Dana-Whitfield-19840309-0001")).toBeNull();
    expect(checkPassword("Dana-Whitfield-19840309-0001", dana)?.rule).toBe("NAME");
  });
});

describe("birthDateForms", () => {
  it("lists padded and unpadded digit forms", () => {
    expect(birthDateForms("1984-03-09")).toEqual(expect.arrayContaining(["19840309", "03091984", "09031984", "030984", "090384", "840309", "391984", "931984", "198439"]));
    expect(birthDateForms("not a date")).toEqual([]);
  });
});

describe("foldForComparison", () => {
  it("lower-cases and removes accents, composed or not", () => {
    expect(foldForComparison("Siobhán")).toBe("siobhan");
    expect(foldForComparison("Siobha\u0301n")).toBe("siobhan");
    expect(foldForComparison("ÉLODIE Nguyễn")).toBe("elodie nguyen");
    expect(foldForComparison("Straße Ærø")).toBe("strasse aero");
  });
});
