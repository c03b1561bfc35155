import { readFileSync } from "node:fs";
import { type Settings, SettingsError } from "./settings";

/** A PEM certificate chain and its private key, as node:https takes them. */
export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

/** Reads TLS_CERT_FILE and TLS_KEY_FILE at start; undefined when they are not set (plain HTTP). */
export function readTlsFiles(settings: Pick<Settings, "tlsCertFile" | "tlsKeyFile">): TlsCredentials | undefined {
  if (!settings.tlsCertFile || !settings.tlsKeyFile) return undefined;
  return { cert: readPem("TLS_CERT_FILE", settings.tlsCertFile), key: readPem("TLS_KEY_FILE", settings.tlsKeyFile) };
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new SettingsError(`${name}: cannot read ${file} (${code})`);
  }
}
