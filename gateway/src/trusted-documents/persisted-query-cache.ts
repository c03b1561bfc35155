import type { PersistedQueryOptions } from "@apollo/server";
import type { TrustedDocuments } from "./trusted-documents";

// Apollo prefixes the keys of the cache it is given for persisted queries with this.
const APOLLO_PREFIX = "apq:";

/**
 * Apollo's persisted-query cache, read from the trusted documents and never written: a hash the
 * manifest lists resolves to its document; any other is PERSISTED_QUERY_NOT_FOUND, and a client
 * that then sends the text with the hash registers nothing (it runs, or not, as a full text does).
 */
export function trustedDocumentsCache(trusted: TrustedDocuments): NonNullable<PersistedQueryOptions["cache"]> {
  return {
    async get(key) {
      return trusted.bodyOf(key.startsWith(APOLLO_PREFIX) ? key.slice(APOLLO_PREFIX.length) : key);
    },
    async set() {},
    async delete() {
      return false;
    },
  };
}
