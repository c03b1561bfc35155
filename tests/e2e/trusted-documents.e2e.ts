// Trusted documents through the running system: in production (TRUSTED_DOCUMENTS_ONLY true) the
// gateway runs only the documents of schema/trusted-documents.json, sent by hash or in full, and
// refuses anything else before it is parsed, validated or sent on; in development any document
// within the operation limits runs, as Sandbox needs.
import { readFileSync } from "node:fs";
import { documentHash, LoginDocument, request, SecurityQuestionCatalogDocument, SendSecurityCodeDocument, SnapshotDocument, VerifyStepUpDocument } from "@oa/client";
import { readTrustedDocumentsManifest } from "@oa/gateway";
import { fromRoot } from "../../packages/cli/src/project-root";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { TestSystem } from "../support/system";

const UNLISTED = "{ securityQuestionCatalog { id text } }";
const CATALOG = String(SecurityQuestionCatalogDocument);
const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const codesOf = (body: { errors?: { extensions?: { code?: string } }[] }) => (body.errors ?? []).map((error) => error.extensions?.code);

describe("trusted documents in production (TRUSTED_DOCUMENTS_ONLY true)", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ nodeEnv: "production", production: true, trustedDocumentsOnly: true }, testRecords(), { tap: ["identity"] });
  });
  afterAll(() => system?.stop());

  it("refuses an unlisted document with 400 PERSISTED_QUERY_NOT_IN_LIST before it is parsed, validated or sent on", async () => {
    const refused = [
      UNLISTED,
      // Would be a parse error (GRAPHQL_PARSE_FAILED) and a validation error (GRAPHQL_VALIDATION_FAILED) if it got that far.
      "{ {{ ",
      "query SecurityQuestionCatalog { noSuchField }",
      // A listed operation asking for one more field, or with another operation beside it.
      CATALOG.replace("text", "text __typename"),
      `${CATALOG}\nquery Extra { __typename }`,
      "{ __schema { types { name } } }",
    ];
    system.taps.identity!.clear();
    for (const query of refused) {
      const { status, body } = await system.post({ query });
      expect({ query, status, body }).toEqual({
        query,
        status: 400,
        body: { errors: [{ message: expect.stringContaining("runs only its trusted documents"), extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } }] },
      });
    }
    const get = await fetch(`${system.gatewayUrl}?query=${encodeURIComponent(UNLISTED)}`);
    expect(get.status).toBe(400);
    expect(codesOf((await get.json()) as Parameters<typeof codesOf>[0])).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    expect(system.taps.identity!.requests).toEqual([]);
  });

  it("runs a listed document sent in full: as the typed client sends it, as printed, and as the contract's file", async () => {
    const expected = { data: { securityQuestionCatalog: expect.arrayContaining([expect.objectContaining({ id: "Q1" })]) } };
    const file = readFileSync(fromRoot("schema", "contract", "operations", "enrollment.graphql"), "utf8");
    for (const body of [
      { query: CATALOG },
      { query: "query SecurityQuestionCatalog {\n  securityQuestionCatalog { id, text }  # the catalog\n}" },
      { query: file, operationName: "SecurityQuestionCatalog" },
    ]) {
      const answer = await system.post(body);
      expect(answer).toEqual({ status: 200, body: expected });
    }
  });

  it("runs a listed document by its hash alone, over POST and GET", async () => {
    const hash = await documentHash(CATALOG);
    const post = await system.post(byHash(hash));
    expect(post.status).toBe(200);
    expect(post.body.data?.securityQuestionCatalog.length).toBeGreaterThanOrEqual(3);
    const get = await fetch(`${system.gatewayUrl}?extensions=${encodeURIComponent(JSON.stringify(byHash(hash).extensions))}`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: object }).data).toEqual(post.body.data);
  });

  it("refuses an unknown hash with 400 PERSISTED_QUERY_NOT_FOUND, and a listed hash with a text that is not its own", async () => {
    const unknown = await system.post(byHash("0".repeat(64)));
    expect(unknown).toEqual({
      status: 400,
      body: { errors: [{ message: expect.stringContaining("No trusted document has this hash"), extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] },
    });
    const hash = await documentHash(CATALOG);
    const unlistedText = await system.post({ query: UNLISTED, ...byHash(hash) });
    expect(unlistedText.status).toBe(400);
    expect(codesOf(unlistedText.body)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    const otherListedText = await system.post({ query: String(SnapshotDocument), ...byHash(hash) });
    expect(otherListedText.status).toBe(400);
    expect(otherListedText.body.data).toBeUndefined();
  });

  it("knows every contract operation: none is refused as untrusted, by hash or in full", async () => {
    const manifest = readTrustedDocumentsManifest();
    expect(new Set(manifest.operations.map((operation) => operation.name)).size).toBe(20);
    for (const operation of manifest.operations) {
      for (const body of [byHash(operation.id), { query: operation.body }]) {
        // No variables and no session: each stops at its own error (a missing $input, UNAUTHENTICATED), past the gate.
        const { body: answer } = await system.post(body);
        const codes = codesOf(answer);
        expect({ name: operation.name, refused: codes.some((code) => code?.startsWith("PERSISTED_QUERY")) }).toEqual({ name: operation.name, refused: false });
      }
    }
  });

  it("serves the typed client sending hashes only: enrollment, login, step-up and the Snapshot", async () => {
    await enroll(system, DANA, "dana.w", { accountType: "AUTO", vin: "1HGCV1F34MA000101" });
    const sent: string[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(String(init?.body));
      return fetch(input, init);
    };
    const options = { url: system.gatewayUrl, sendHash: true, fetch: recording };
    const { login } = await request(LoginDocument, { input: { username: "dana.w", password: GOOD_PASSWORD } }, options);
    if (login.__typename !== "StepUpRequired") throw new Error(`login answered ${login.__typename}`);
    const challengeId = login.challenge.id;
    await request(SendSecurityCodeDocument, { input: { challengeId, method: "SMS_CODE" } }, options);
    const { verifyStepUp } = await request(VerifyStepUpDocument, { input: { challengeId, code: system.outbox.latestCode(DANA.mobilePhone) } }, options);
    if (verifyStepUp.__typename !== "StepUpSucceeded") throw new Error(verifyStepUp.message);
    const { me } = await request(SnapshotDocument, {}, { ...options, accessToken: verifyStepUp.session.accessToken! });
    expect(me?.vehicleAccounts.map((account) => account.accountNumberLast4)).toEqual(["0101"]);
    expect(sent).toHaveLength(4);
    for (const body of sent) expect(JSON.parse(body)).not.toHaveProperty("query");
  });
});

describe("trusted documents in development (TRUSTED_DOCUMENTS_ONLY false)", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({}, testRecords());
    expect(system.settings.trustedDocumentsOnly).toBe(false);
  });
  afterAll(() => system?.stop());

  it("runs an unlisted document, within the operation limits", async () => {
    const { status, body } = await system.post({ query: UNLISTED });
    expect(status).toBe(200);
    expect(body.data?.securityQuestionCatalog.length).toBeGreaterThanOrEqual(3);
    const ofTypes = (n: number): string => (n === 0 ? "name" : `ofType { ${ofTypes(n - 1)} }`);
    const tooDeep = await system.post({ query: `{ __schema { types { fields { type { ${ofTypes(20)} } } } } }` });
    expect(tooDeep.status).toBe(400);
    expect(codesOf(tooDeep.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("runs a listed document by hash, and an unknown hash once its text is sent with it (never registered)", async () => {
    const listed = await system.post(byHash(await documentHash(CATALOG)));
    expect(listed.status).toBe(200);
    const hash = await documentHash(UNLISTED);
    const first = await system.post(byHash(hash));
    expect(first.status).toBe(400);
    expect(codesOf(first.body)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    const withText = await system.post({ query: UNLISTED, ...byHash(hash) });
    expect(withText.status).toBe(200);
    expect(withText.body.data).toEqual(listed.body.data);
    expect(codesOf((await system.post(byHash(hash))).body)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });
});
