import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataFolderInUseError, lockDataFolder } from "./embedded-data-lock";

describe("lockDataFolder", () => {
  let folder: string;
  let dataDir: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "oa-lock-"));
    dataDir = path.join(folder, "pglite");
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("holds the folder for this process until released", () => {
    const release = lockDataFolder(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(() => readFileSync(`${dataDir}.lock`)).toThrow();
    lockDataFolder(dataDir)();
  });

  it("refuses a folder that a live process holds", () => {
    // The parent process is alive for as long as this test runs.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUseError);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that is gone", () => {
    writeFileSync(`${dataDir}.lock`, "2147483646");
    const release = lockDataFolder(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
