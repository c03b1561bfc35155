import { maskEmail, maskPhone } from "./contact-masking";

describe("maskPhone", () => {
  it("shows only the last four digits", () => {
    expect(maskPhone("+15555550101")).toBe("***-***-0101");
    expect(maskPhone("+44 20 7946 0958")).toBe("***-***-0958");
  });

  it("never shows more than four digits of a short number", () => {
    expect(maskPhone("+123")).toBe("***-***-****");
    expect(maskPhone("")).toBe("***-***-****");
  });

  it("does not contain the rest of the number", () => {
    expect(maskPhone("+15555550101")).not.toMatch(/555/);
  });
});

describe("maskEmail", () => {
  it("shows the first character of the mailbox and the domain", () => {
    expect(maskEmail("dana.reyes@example.com")).toBe("d***@example.com");
    expect(maskEmail("x@bank.test")).toBe("x***@bank.test");
  });

  it("hides the mailbox however long it is", () => {
    expect(maskEmail("averyveryverylongname@example.com")).not.toContain("very");
  });

  it("uses the last @ and keeps a multi-byte first character whole", () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
    expect(maskEmail("émile@example.fr")).toBe("é***@example.fr");
  });

  it("answers *** for something that is not an address", () => {
    expect(maskEmail("not-an-address")).toBe("***");
    expect(maskEmail("@example.com")).toBe("***");
    expect(maskEmail("dana@")).toBe("***");
  });
});
