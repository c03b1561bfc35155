import { parseArgs } from "node:util";

/** What `npm run support -- ...` was asked to do. */
export type SupportCommand =
  | { name: "unlock"; username: string; agent: string; reason: string; last4: string; questionId: string; answer: string }
  | { name: "end-sessions"; username: string; agent: string; reason: string }
  | { name: "events"; username: string; limit: number }
  | { name: "help" };

/** Arguments that name no command the support desk has: the message says which rule, never a value given. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const DEFAULT_EVENT_LIMIT = 20;
export const MAX_EVENT_LIMIT = 100;

export const USAGE = `usage: npm run support -- COMMAND USERNAME [OPTIONS]
  unlock USERNAME --agent ID --reason TEXT --last4 NNNN --answer QUESTION_ID=TEXT
      Lifts the lock on the login (and on each of its registered devices) once the caller proved
      who they are: the last four digits of their SSN or Tax ID, and the answer to one of their
      security questions. A wrong proof lifts nothing and counts toward the lock.
  end-sessions USERNAME --agent ID --reason TEXT
      Ends every session of the login.
  events USERNAME [--limit N]
      Prints the login's security events as JSON lines, newest first (N from 1 to ${MAX_EVENT_LIMIT}; ${DEFAULT_EVENT_LIMIT} unless given).
unlock and end-sessions are recorded in the login's security events with the agent and the reason.
It calls the identity service at IDENTITY_URL [http://127.0.0.1:IDENTITY_PORT/graphql], signing
each call with SUPPORT_SECRET (outside production, the one npm start keeps in .data/dev-secrets.json).
Exit status: 0 done; 1 refused, unknown username, or identity unreachable; 2 bad arguments.
Use npm run -s support -- ... for the command's output alone (without npm's own lines).`;

const OPTIONS = {
  agent: { type: "string", multiple: true },
  reason: { type: "string", multiple: true },
  last4: { type: "string", multiple: true },
  answer: { type: "string", multiple: true },
  limit: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

type OptionName = Exclude<keyof typeof OPTIONS, "help">;

const TAKES: Record<Exclude<SupportCommand["name"], "help">, OptionName[]> = {
  unlock: ["agent", "reason", "last4", "answer"],
  "end-sessions": ["agent", "reason"],
  events: ["limit"],
};

/** Reads the arguments after `--`; throws UsageError for anything but one command with its options. */
export function parseSupportArguments(args: string[]): SupportCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node's message names the option, never a value of another one.
    const message = (error as { message?: unknown } | null)?.message;
    throw new UsageError(typeof message === "string" ? message.split("\n")[0] : "unreadable arguments");
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { name: "help" };
  const [name, username, ...extra] = positionals;
  if (name === undefined) throw new UsageError("name a command: unlock, end-sessions or events");
  if (!(name in TAKES)) throw new UsageError("unknown command: the commands are unlock, end-sessions and events");
  const command = name as keyof typeof TAKES;
  if (username === undefined || username.trim() === "") throw new UsageError(`${command} needs a USERNAME`);
  if (extra.length > 0) throw new UsageError(`${command} takes one USERNAME; put a --reason of several words in quotes`);
  for (const option of Object.keys(values) as OptionName[]) {
    if (!TAKES[command].includes(option)) throw new UsageError(`${command} takes no --${option}`);
  }
  const one = (option: OptionName, required: boolean): string | undefined => {
    const given = values[option];
    if (given === undefined) {
      if (required) throw new UsageError(`${command} needs --${option}`);
      return undefined;
    }
    if (given.length > 1) throw new UsageError(`--${option} is given more than once`);
    return given[0];
  };

  if (command === "events") {
    const raw = one("limit", false);
    const limit = raw === undefined ? DEFAULT_EVENT_LIMIT : /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= MAX_EVENT_LIMIT)) throw new UsageError(`--limit is a whole number from 1 to ${MAX_EVENT_LIMIT}`);
    return { name: "events", username, limit };
  }
  const agent = one("agent", true)!;
  const reason = one("reason", true)!;
  if (agent.trim() === "") throw new UsageError("--agent is the support agent's id");
  if (reason.trim() === "") throw new UsageError("--reason says why, in a few words");
  if (command === "end-sessions") return { name: "end-sessions", username, agent, reason };

  const last4 = one("last4", true)!;
  if (!/^\d{4}$/.test(last4)) throw new UsageError("--last4 is the last 4 digits of the caller's SSN or Tax ID");
  const answer = one("answer", true)!;
  const split = answer.indexOf("=");
  if (split <= 0 || answer.slice(split + 1).trim() === "") throw new UsageError("--answer is QUESTION_ID=TEXT: the question's id, then the caller's answer");
  return { name: "unlock", username, agent, reason, last4, questionId: answer.slice(0, split), answer: answer.slice(split + 1) };
}
