import type { RequestContext } from '../context.js';
import { type AuditEntry, auditorOf } from './audit.js';

// Refused attempts are audited, but one account must not be able to write hundreds of rows a
// second by repeating a refused request. Per actor (or address, when no one is signed in),
// action and kind (route, or entity type), the first refusal in a window is written at once as
// usual; later ones in the window are only counted, and the count is written as one row
// (`details.repeated`) when the window ends: by a timer, with the next refusal of that kind, or
// when the app closes. It lives in memory, per process: it is a rate limiter, not shared state
// (N instances write at most N first rows per window).

export const DENIAL_WINDOW_MS = 60_000;
/** Kinds tracked at once. Beyond this a refusal is written untracked: the cap bounds memory, never drops a row. */
const MAX_KINDS = 10_000;
/** Entity ids kept per window, so the count row still shows what was tried. */
const MAX_SAMPLED_IDS = 10;

export interface DenialRow {
  ctx: RequestContext;
  entry: AuditEntry;
}

export interface DenialVerdict {
  /** False: counted into the open window; write nothing now. */
  write: boolean;
  /** Counts of windows that have ended, to be written before this row. */
  before: DenialRow[];
}

export interface DenialThrottle {
  /** Decides at once (no await between check and count), so a burst of parallel requests cannot slip through. */
  admit(ctx: RequestContext, entry: AuditEntry): DenialVerdict;
  /** Writes every pending count now, ended or not. */
  flush(): Promise<void>;
  /** Stops the timer and flushes (the app is closing). */
  close(): Promise<void>;
  readonly trackedKinds: number;
}

export interface DenialThrottleOptions {
  /** Writes a count row (not throttled again). */
  write(row: DenialRow): Promise<void>;
  onError?(err: unknown): void;
  windowMs?: number;
  maxKinds?: number;
  now?: () => number;
}

interface Window {
  startedAt: number;
  lastAt: number;
  repeated: number;
  ip: string | null;
  requestId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  icbId: string | null;
  action: string;
  entityType: string | null;
  kindDetails: Record<string, unknown>;
  entityIds: Set<string>;
}

/** The route of a refusal by the access hook (with its method and permission), else the entity type. */
function kindOf(entry: AuditEntry): { kind: string; kindDetails: Record<string, unknown> } {
  const d = entry.details ?? {};
  if (typeof d.route === 'string') {
    const kindDetails: Record<string, unknown> = { method: d.method, route: d.route };
    // Stryker disable next-line ConditionalExpression: equivalent; an undefined permission is dropped when the details are stored and hashed
    if (d.permission !== undefined) kindDetails.permission = d.permission;
    return { kind: `${String(d.method)} ${d.route}`, kindDetails };
  }
  // Stryker disable next-line StringLiteral: equivalent; any constant names the one kind of refusals without an entity type
  return { kind: entry.entityType ?? '', kindDetails: {} };
}

const iso = (ms: number) => new Date(ms).toISOString();

function countRow(w: Window): DenialRow {
  return {
    ctx: { actor: null, ip: w.ip, requestId: w.requestId },
    entry: {
      action: w.action,
      outcome: 'denied',
      entityType: w.entityType ?? undefined,
      actorUserId: w.actorUserId,
      actorRole: w.actorRole,
      icbId: w.icbId,
      details: {
        ...w.kindDetails,
        repeated: w.repeated,
        windowStart: iso(w.startedAt),
        windowEnd: iso(w.lastAt),
        ...(w.entityIds.size > 0 ? { entityIds: [...w.entityIds] } : {}),
      },
    },
  };
}

export function createDenialThrottle(opts: DenialThrottleOptions): DenialThrottle {
  const windowMs = opts.windowMs ?? DENIAL_WINDOW_MS;
  const maxKinds = opts.maxKinds ?? MAX_KINDS;
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? (() => {});
  const windows = new Map<string, Window>();

  /** Removes the windows that have ended; returns the counts to write. */
  const takeEnded = (at: number): DenialRow[] => {
    const rows: DenialRow[] = [];
    for (const [key, w] of windows) {
      if (at - w.startedAt < windowMs) continue;
      windows.delete(key);
      if (w.repeated > 0) rows.push(countRow(w));
    }
    return rows;
  };

  const writeAll = async (rows: DenialRow[]) => {
    for (const row of rows) await opts.write(row).catch(onError);
  };

  const timer = setInterval(() => void writeAll(takeEnded(now())), Math.max(20, Math.min(windowMs / 2, 10_000)));
  timer.unref();

  return {
    admit(ctx, entry) {
      const at = now();
      const actor = auditorOf(ctx, entry);
      const { kind, kindDetails } = kindOf(entry);
      const key = `${actor.actorUserId ?? `ip:${ctx.ip}`}\n${entry.action}\n${kind}`;
      const open = windows.get(key);
      if (open && at - open.startedAt < windowMs) {
        open.repeated++;
        open.lastAt = at;
        open.ip = ctx.ip;
        open.requestId = ctx.requestId;
        if (entry.entityId && open.entityIds.size < MAX_SAMPLED_IDS) open.entityIds.add(entry.entityId);
        return { write: false, before: [] };
      }
      const before: DenialRow[] = [];
      if (open) {
        windows.delete(key);
        if (open.repeated > 0) before.push(countRow(open));
      }
      if (windows.size >= maxKinds) before.push(...takeEnded(at));
      if (windows.size < maxKinds) {
        windows.set(key, {
          startedAt: at,
          lastAt: at,
          repeated: 0,
          ip: ctx.ip,
          requestId: ctx.requestId,
          ...actor,
          action: entry.action,
          entityType: entry.entityType ?? null,
          kindDetails,
          entityIds: new Set(),
        });
      }
      return { write: true, before };
    },

    async flush() {
      const rows = [...windows.values()].filter((w) => w.repeated > 0).map(countRow);
      windows.clear();
      await writeAll(rows);
    },

    async close() {
      clearInterval(timer);
      await this.flush();
    },

    get trackedKinds() {
      return windows.size;
    },
  };
}
