import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SettingsError } from "./settings";
import { readTlsFiles } from "./tls-files";

describe("readTlsFiles", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "oa-tls-files-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("means plain HTTP when neither file is set", () => {
    expect(readTlsFiles({})).toBeUndefined();
  });

  it("reads both files at start", () => {
    writeFileSync(path.join(folder, "cert.pem"), "CERT");
    writeFileSync(path.join(folder, "key.pem"), "KEY");
    const tls = readTlsFiles({ tlsCertFile: path.join(folder, "cert.pem"), tlsKeyFile: path.join(folder, "key.pem") });
    expect(tls?.cert.toString()).toBe("CERT");
    expect(tls?.key.toString()).toBe("KEY");
  });

  it("names the setting and the file it cannot read", () => {
    writeFileSync(path.join(folder, "cert.pem"), "CERT");
    const missing = path.join(folder, "missing.pem");
    const read = () => readTlsFiles({ tlsCertFile: path.join(folder, "cert.pem"), tlsKeyFile: missing });
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(`TLS_KEY_FILE: cannot read ${missing} (ENOENT)`);
  });
});
