export { canonicalDefinitions, definitionName } from "./document-definitions";
export { NOT_FOUND, NOT_IN_LIST, trustedDocumentsGate } from "./document-gate";
export {
  checkManifest,
  documentHash,
  MANIFEST_FORMAT,
  readTrustedDocumentsManifest,
  TRUSTED_DOCUMENTS_FILE,
  type TrustedDocumentsManifest,
  type TrustedOperation,
} from "./manifest";
export { trustedDocumentsCache } from "./persisted-query-cache";
export { type TextBounds, TrustedDocuments } from "./trusted-documents";
