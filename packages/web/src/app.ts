// The sign-in page: password, a security code, the Snapshot, sign out. The session is an
// HttpOnly cookie the gateway sets (sessionDelivery COOKIE): no script here ever holds a token.
import {
  GraphQLRequestError,
  LoginDocument,
  LogoutDocument,
  request,
  SendSecurityCodeDocument,
  SnapshotDocument,
  type SnapshotQuery,
  type StepUpMethod,
  VerifyStepUpDocument,
} from "@oa/client";

const GRAPHQL_URL = new URL("/graphql", window.location.href).toString();

type View = "sign-in" | "step-up" | "snapshot";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function show(view: View): void {
  for (const id of ["sign-in", "step-up", "snapshot"] as const) element(id).hidden = id !== view;
  document.body.dataset.view = view;
}

function say(message: string, kind: "error" | "info" = "error"): void {
  const status = element("status");
  status.textContent = message;
  status.className = kind;
}

/** Sends one typed document as the page's own JSON request (same origin: the cookies go with it). */
function send<TResult, TVariables>(document: Parameters<typeof request<TResult, TVariables>>[0], variables: TVariables): Promise<TResult> {
  return request(document, variables, { url: GRAPHQL_URL });
}

let challengeId: string | null = null;

async function showSnapshot(): Promise<void> {
  const { me } = await send(SnapshotDocument, {});
  if (!me) {
    show("sign-in");
    return;
  }
  renderSnapshot(me);
  say("");
  show("snapshot");
}

function renderSnapshot(me: NonNullable<SnapshotQuery["me"]>): void {
  element("first-name").textContent = me.firstName;
  const vehicles = element<HTMLUListElement>("vehicles");
  vehicles.replaceChildren(
    ...(me.vehicleAccounts.length === 0
      ? [item("No vehicles on your Snapshot yet.")]
      : me.vehicleAccounts.map((account) =>
          item(`${account.vehicle.year} ${account.vehicle.make} ${account.vehicle.model} (account ending ${account.accountNumberLast4})`, "vehicle"),
        )),
  );
  const devices = element<HTMLUListElement>("devices");
  devices.replaceChildren(
    ...(me.devices.length === 0 ? [item("No remembered devices.")] : me.devices.map((device) => item(`${device.name}${device.current ? " (this browser)" : ""}`, "device"))),
  );
}

function item(text: string, className?: string): HTMLLIElement {
  const li = document.createElement("li");
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const username = element<HTMLInputElement>("username").value;
  const password = element<HTMLInputElement>("password");
  const { login } = await send(LoginDocument, { input: { username, password: password.value, sessionDelivery: "COOKIE" } });
  password.value = "";
  if (login.__typename === "LoginRejected") return say(login.message);
  if (login.__typename === "LoginSucceeded") return showSnapshot();
  challengeId = login.challenge.id;
  const methods = element<HTMLFieldSetElement>("methods");
  const codeMethods = login.challenge.methods.filter((option) => option.method !== "SECURITY_QUESTIONS");
  methods.replaceChildren(methods.querySelector("legend")!, ...codeMethods.map((option, i) => methodChoice(option.method, option.destination ?? "", i === 0)));
  say("");
  show("step-up");
}

function methodChoice(method: StepUpMethod, destination: string, checked: boolean): HTMLLabelElement {
  const label = document.createElement("label");
  label.className = "inline";
  const radio = document.createElement("input");
  radio.type = "radio";
  radio.name = "method";
  radio.value = method;
  radio.checked = checked;
  label.append(radio, `${method === "SMS_CODE" ? "Text message to" : "Email to"} ${destination}`);
  return label;
}

async function sendCode(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const method = document.querySelector<HTMLInputElement>('input[name="method"]:checked')?.value as StepUpMethod | undefined;
  if (!challengeId || !method) return say("Choose where to send the code.");
  const { sendSecurityCode } = await send(SendSecurityCodeDocument, { input: { challengeId, method } });
  if (sendSecurityCode.__typename === "StepUpRejected") return say(sendSecurityCode.message);
  say(`We sent a code to ${sendSecurityCode.destination}.`, "info");
}

async function verify(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (!challengeId) return show("sign-in");
  const code = element<HTMLInputElement>("code");
  const rememberDevice = element<HTMLInputElement>("remember").checked ? { name: browserName(), platform: "WEB" as const } : null;
  const { verifyStepUp } = await send(VerifyStepUpDocument, { input: { challengeId, code: code.value, rememberDevice, sessionDelivery: "COOKIE" } });
  code.value = "";
  if (verifyStepUp.__typename === "StepUpRejected") return say(verifyStepUp.message);
  challengeId = null;
  await showSnapshot();
}

function browserName(): string {
  const brand = /Firefox|Edg|Chrome|Safari/.exec(navigator.userAgent)?.[0] ?? "Web";
  return `${brand === "Edg" ? "Edge" : brand} browser`;
}

async function signOut(): Promise<void> {
  await send(LogoutDocument, {});
  say("You are signed out.", "info");
  show("sign-in");
}

/** Runs a handler, telling the person when it failed (never with what they typed). */
function guarded<E extends Event>(handler: (event: E) => Promise<void>): (event: E) => void {
  return (event) => {
    handler(event).catch((error: unknown) => {
      if (error instanceof GraphQLRequestError && error.code === "UNAUTHENTICATED") {
        show("sign-in");
        return say("Your session has ended. Please sign in again.");
      }
      say("Something went wrong. Please try again.");
    });
  };
}

element<HTMLFormElement>("sign-in-form").addEventListener("submit", guarded(signIn));
element<HTMLFormElement>("send-code-form").addEventListener("submit", guarded(sendCode));
element<HTMLFormElement>("verify-form").addEventListener("submit", guarded(verify));
element<HTMLButtonElement>("sign-out").addEventListener("click", guarded(signOut));
guarded(showSnapshot)(new Event("load"));
