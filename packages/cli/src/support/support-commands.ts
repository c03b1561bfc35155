import type { SupportDeskSettings } from "@oa/platform";
import type { SupportCommand } from "./support-arguments";
import { callSupportField } from "./support-client";
import { supportTexts } from "./support-texts";

/** What a command printed and how it ends: lines for stdout (done) or one line for stderr (refused). */
export type SupportResult = { exitCode: 0; lines: string[] } | { exitCode: 1; refusal: string };

const UNLOCK = `mutation SupportUnlock($username: String!, $agent: String!, $reason: String!, $last4: String!, $questionId: ID!, $answer: String!) {
  supportUnlock(username: $username, agent: $agent, reason: $reason, last4: $last4, questionId: $questionId, answer: $answer) { unlocked retryAfterSeconds }
}`;

const END_SESSIONS = `mutation SupportEndSessions($username: String!, $agent: String!, $reason: String!) {
  supportEndSessions(username: $username, agent: $agent, reason: $reason)
}`;

const EVENTS = `query SupportSecurityEvents($username: String!, $first: Int!) {
  supportSecurityEvents(username: $username, first: $first) { id kind at deviceName clientAddress agent reason }
}`;

/** One event as `events` prints it: one JSON object per line, keys in this order. */
export interface PrintedEvent {
  id: string;
  kind: string;
  at: string;
  deviceName: string | null;
  clientAddress: string | null;
  agent: string | null;
  reason: string | null;
}

/** Runs a command against identity's support fields. */
export async function runSupportCommand(settings: SupportDeskSettings, command: Exclude<SupportCommand, { name: "help" }>): Promise<SupportResult> {
  switch (command.name) {
    case "unlock": {
      const { username, agent, reason, last4, questionId, answer } = command;
      const { supportUnlock } = await callSupportField<{ supportUnlock: { unlocked: boolean; retryAfterSeconds: number | null } }>(settings, UNLOCK, {
        username,
        agent,
        reason,
        last4,
        questionId,
        answer,
      });
      if (supportUnlock.unlocked) return { exitCode: 0, lines: [supportTexts.unlocked] };
      const refusal = supportUnlock.retryAfterSeconds === null ? supportTexts.notVerified : supportTexts.tooManyAttempts(supportUnlock.retryAfterSeconds);
      return { exitCode: 1, refusal };
    }
    case "end-sessions": {
      const { username, agent, reason } = command;
      const { supportEndSessions } = await callSupportField<{ supportEndSessions: number | null }>(settings, END_SESSIONS, { username, agent, reason });
      if (supportEndSessions === null) return { exitCode: 1, refusal: supportTexts.unknownUser };
      return { exitCode: 0, lines: [supportEndSessions === 0 ? supportTexts.noSessions : supportTexts.sessionsEnded(supportEndSessions)] };
    }
    case "events": {
      const { supportSecurityEvents } = await callSupportField<{ supportSecurityEvents: PrintedEvent[] | null }>(settings, EVENTS, {
        username: command.username,
        first: command.limit,
      });
      if (supportSecurityEvents === null) return { exitCode: 1, refusal: supportTexts.unknownUser };
      return {
        exitCode: 0,
        lines: supportSecurityEvents.map(({ id, kind, at, deviceName, clientAddress, agent, reason }) =>
          JSON.stringify({ id, kind, at, deviceName, clientAddress, agent, reason }),
        ),
      };
    }
  }
}
