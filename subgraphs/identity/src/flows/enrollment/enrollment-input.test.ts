import { AccountType } from "../../modules/enrollment/account-type";
import type { EnrollInput } from "../../modules/enrollment/enroll.input";
import { checkEnrollInput, type InputCheck } from "./enrollment-input";

const catalog = new Set(["Q1", "Q2", "Q3", "Q4"]);

const bank: EnrollInput = {
  accountType: AccountType.BANK,
  taxId: "900-10-0001",
  accountNumber: "2100000001",
  vin: null,
  username: "dana.w84",
  password: "copper-Kettle-moon-42",
  securityAnswers: [
    { questionId: "Q1", answer: "Rex" },
    { questionId: "Q2", answer: "  Detroit " },
    { questionId: "Q3", answer: "SMITH" },
  ],
};

const check = (changes: Partial<EnrollInput>) => checkEnrollInput({ ...bank, ...changes }, catalog);
const messageOf = (result: InputCheck) => (result.valid ? null : result.message);

describe("checkEnrollInput", () => {
  it("accepts a well-formed Bank enrollment and normalises it", () => {
    const result = check({ taxId: " 900 10 0001 ", accountNumber: " 2100000001 " });
    expect(result).toEqual({
      valid: true,
      enrollment: {
        accountType: AccountType.BANK,
        taxIdDigits: "900100001",
        accountNumber: "2100000001",
        vin: null,
        username: "dana.w84",
        password: "copper-Kettle-moon-42",
        answers: [
          { questionId: "Q1", normalisedAnswer: "rex" },
          { questionId: "Q2", normalisedAnswer: "detroit" },
          { questionId: "Q3", normalisedAnswer: "smith" },
        ],
      },
    });
  });

  it("accepts an Auto enrollment by account number or by VIN (upper-cased)", () => {
    expect(check({ accountType: AccountType.AUTO, accountNumber: "AV-0000000101" }).valid).toBe(true);
    const byVin = check({ accountType: AccountType.AUTO, accountNumber: null, vin: "1hgcv1f34ma000101" });
    expect(byVin.valid && byVin.enrollment.vin).toBe("1HGCV1F34MA000101");
    expect(check({ accountType: AccountType.AUTO, accountNumber: "  ", vin: "1HGCV1F34MA000101" }).valid).toBe(true);
  });

  it.each(["90010000", "9001000012", "900-10-000X", "", "900_10_0001"])("refuses the tax id %j", (taxId) => {
    expect(messageOf(check({ taxId }))).toBe("Enter your SSN or Tax ID as 9 digits.");
  });

  it("asks Bank and Invest for an account number and no VIN", () => {
    expect(messageOf(check({ accountNumber: null }))).toBe("Enter your account number.");
    expect(messageOf(check({ accountNumber: "   " }))).toBe("Enter your account number.");
    expect(messageOf(check({ accountType: AccountType.INVEST, vin: "1HGCV1F34MA000101" }))).toBe("A VIN is only for Auto accounts.");
  });

  it("asks Auto for exactly one of account number and VIN", () => {
    const message = "Enter either the account number or the VIN of your Auto account.";
    expect(messageOf(check({ accountType: AccountType.AUTO, accountNumber: null, vin: null }))).toBe(message);
    expect(messageOf(check({ accountType: AccountType.AUTO, vin: "1HGCV1F34MA000101" }))).toBe(message);
  });

  it.each(["1HGCV1F34MA00010", "1HGCV1F34MA0001011", "1HGCV1F34MI000101", "1HGCV1F34MO000101", "1HGCV1F34MQ000101", "1HGCV1F34M-000101"])("refuses the VIN %j", (vin) => {
    expect(messageOf(check({ accountType: AccountType.AUTO, accountNumber: null, vin }))).toBe("A VIN is 17 letters and digits, without I, O or Q.");
  });

  it.each(["BK 0030/01", "AV.0030.2", "AV-0000000101", "9".repeat(34)])("accepts the account number %j, kept exactly as typed once trimmed", (accountNumber) => {
    const result = check({ accountNumber: ` ${accountNumber} ` });
    expect(result.valid && result.enrollment.accountNumber).toBe(accountNumber);
    const auto = check({ accountType: AccountType.AUTO, accountNumber: accountNumber.toLowerCase() });
    expect(auto.valid && auto.enrollment.accountNumber).toBe(accountNumber.toLowerCase());
  });

  it.each(["AV.0030#2", "9".repeat(35), "1".repeat(64), "-2100000001", "2100\u202E000001", "2100\u0000000001", "AV_0030"])(
    "refuses the account number %j as the records import would",
    (accountNumber) => {
      const message = "An account number is 1 to 34 letters, digits, spaces, dashes, dots and slashes, beginning with a letter or digit.";
      expect(messageOf(check({ accountNumber }))).toBe(message);
      expect(messageOf(check({ accountType: AccountType.AUTO, accountNumber }))).toBe(message);
    },
  );

  it("refuses absurdly long values", () => {
    expect(messageOf(check({ username: "u".repeat(257) }))).toBe("The username is too long.");
    expect(messageOf(check({ password: "p".repeat(257) }))).toBe("The password is too long.");
    // Within these bounds the username and password rules answer, not the input check.
    expect(check({ username: "u".repeat(256), password: "p".repeat(256) }).valid).toBe(true);
  });

  it("asks for exactly three answers to three different catalog questions", () => {
    const [first, second, third] = bank.securityAnswers;
    expect(messageOf(check({ securityAnswers: [first, second] }))).toBe("Answer exactly three security questions.");
    expect(messageOf(check({ securityAnswers: [first, second, third, { questionId: "Q4", answer: "x" }] }))).toBe("Answer exactly three security questions.");
    expect(messageOf(check({ securityAnswers: [first, second, { ...third, questionId: "Q1" }] }))).toBe("Choose three different questions from the list.");
    expect(messageOf(check({ securityAnswers: [first, second, { ...third, questionId: "Q99" }] }))).toBe("Choose three different questions from the list.");
  });

  it("asks for answers of 1 to 100 characters after normalisation", () => {
    const [first, second] = bank.securityAnswers;
    const message = "Each answer must be 1 to 100 characters.";
    expect(messageOf(check({ securityAnswers: [first, second, { questionId: "Q3", answer: "   " }] }))).toBe(message);
    expect(messageOf(check({ securityAnswers: [first, second, { questionId: "Q3", answer: "a".repeat(101) }] }))).toBe(message);
    expect(check({ securityAnswers: [first, second, { questionId: "Q3", answer: `  ${"a".repeat(100)}  ` }] }).valid).toBe(true);
  });
});
