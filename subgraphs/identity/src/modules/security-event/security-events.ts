import { describeError, type Logger } from "@oa/platform";
import type { DataSource, EntityManager } from "typeorm";
import type { SecurityEventKind } from "./security-event-kind";
import { SecurityEventEntity } from "./security-event.entity";

/** What one event records; everything but the user and the kind is optional. */
export interface SecurityEventInput {
  userId: string;
  kind: SecurityEventKind;
  deviceId?: string | null;
  deviceName?: string | null;
  clientAddress?: string | null;
  agent?: string | null;
  reason?: string | null;
}

/** Where a request came from, as events record it. */
export interface EventOrigin {
  clientAddress: string | null;
}

/** The most events one read returns. */
export const MAX_EVENTS_PER_READ = 100;

/**
 * The append-only log of what happened to each user's online access, in identity's schema. An
 * event is written with the change it records: in the change's own transaction where the change
 * is in PostgreSQL (pass its `manager`), else just before the change (so no change goes
 * unrecorded).
 */
export class SecurityEvents {
  /** Background writes not yet done, so a test or a shutdown can wait for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  async record(events: SecurityEventInput | SecurityEventInput[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    const rows = (Array.isArray(events) ? events : [events]).map((event) => ({
      userId: event.userId,
      kind: event.kind,
      deviceId: event.deviceId ?? null,
      deviceName: event.deviceName ?? null,
      clientAddress: event.clientAddress ?? null,
      agent: event.agent ?? null,
      reason: event.reason ?? null,
    }));
    if (rows.length > 0) await manager.insert(SecurityEventEntity, rows);
  }

  /**
   * Records without making the answer wait: for failed sign-ins, whose answer must take the same
   * time whether the username exists (an event) or not (none). A failed write is logged.
   */
  recordInBackground(events: SecurityEventInput[]): void {
    if (events.length === 0) return;
    const write = this.record(events)
      .catch((error: unknown) => this.logger.error("security event not recorded", { kinds: events.map((event) => event.kind), ...describeError(error) }))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every background write so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** The user's newest events, at most `first` (one statement, on the index of "newest N of one user"). */
  newest(userId: string, first: number): Promise<SecurityEventEntity[]> {
    return this.dataSource.getRepository(SecurityEventEntity).find({
      where: { userId },
      order: { at: "DESC", id: "DESC" },
      take: Math.min(first, MAX_EVENTS_PER_READ),
    });
  }
}
