import { jobsBackend, inngest } from "@/inngest/client";
import { logger } from "@/lib/logger";

/**
 * How domain code starts background work. With an Inngest server configured, events go
 * to Inngest (their `id` makes a re-send a no-op there). Without one — the embedded
 * default — the very same job definitions run in this process: one run at a time per
 * concurrency key, retried with backoff, logged as inline.
 */
export interface JobEvent {
  name: string;
  /** Deduplication id: the same id sent twice runs once. */
  id: string;
  data: Record<string, unknown>;
}

export interface JobContext<TData> {
  data: TData;
  attempt: number;
  maxAttempts: number;
  /** Durable step on Inngest; a plain call inline. Results must be JSON-safe. */
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  emit(events: JobEvent[]): Promise<void>;
}

export interface JobDefinition<TData = Record<string, unknown>> {
  id: string;
  trigger: { event: string } | { cron: string };
  /** Retries after the first attempt (Inngest accepts 0–20; we keep to small numbers). */
  retries: 0 | 1 | 2 | 3 | 4 | 5;
  /** Jobs with the same key never run at the same time (e.g. one poll per channel account). */
  concurrencyKey?: (data: TData) => string;
  /** Inngest expression for the same key, e.g. "event.data.channelAccountId". */
  concurrencyExpression?: string;
  /** Inline runs of this job at once (default 4); raise it for jobs that wait on the network. */
  inlineConcurrency?: number;
  /** Events with the same key within `periodMs` start one run, with the last event. */
  debounce?: { key: (data: TData) => string; expression: string; periodMs: () => number };
  handler(ctx: JobContext<TData>): Promise<unknown>;
}

/** Thrown by a handler to be retried no sooner than `retryAfterMs`. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}

type Registry = Map<string, JobDefinition[]>;
let registry: Promise<Registry> | undefined;

async function loadRegistry(): Promise<Registry> {
  // Loaded lazily: job definitions import domain services, which import this module.
  const { jobDefinitions } = await import("@/inngest/definitions");
  const map: Registry = new Map();
  for (const def of jobDefinitions) {
    if (!("event" in def.trigger)) continue;
    const list = map.get(def.trigger.event) ?? [];
    list.push(def as JobDefinition);
    map.set(def.trigger.event, list);
  }
  return map;
}

const pending = new Set<Promise<unknown>>();
const lanes = new Map<string, Promise<unknown>>();
const seenIds = new Map<string, number>();
/** Tests shorten backoff; production inline runs wait like Inngest would (seconds). */
let backoffScale = 1;

/**
 * At most this many inline runs of one job work at once. A burst (50 documents uploaded
 * together) would otherwise start 50 transactions on a 10-connection pool and time out
 * waiting for connections. Jobs that mostly wait on the network without holding a
 * connection (a model call) set a higher `inlineConcurrency`. Inngest applies its own.
 */
const DEFAULT_INLINE_CONCURRENCY = 4;
const slots = new Map<string, { active: number; waiting: (() => void)[] }>();

async function withInlineSlot<T>(def: JobDefinition, fn: () => Promise<T>): Promise<T> {
  const limit = def.inlineConcurrency ?? DEFAULT_INLINE_CONCURRENCY;
  let slot = slots.get(def.id);
  if (!slot) slots.set(def.id, (slot = { active: 0, waiting: [] }));
  const lane = slot;
  if (lane.active >= limit) await new Promise<void>((resolve) => lane.waiting.push(resolve));
  else lane.active++;
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next waiter (active stays the same) or free it.
    const next = lane.waiting.shift();
    if (next) next();
    else lane.active--;
  }
}

async function runInline(def: JobDefinition, event: JobEvent): Promise<void> {
  const maxAttempts = def.retries + 1;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      await withInlineSlot(def, () =>
        def.handler({
          data: event.data,
          attempt,
          maxAttempts,
          run: (_id, fn) => fn(),
          emit: emitJobs,
        }),
      );
      return;
    } catch (error) {
      const last = attempt + 1 >= maxAttempts;
      logger.warn("inline job failed", {
        job: def.id,
        eventId: event.id,
        attempt,
        willRetry: !last,
        error: error instanceof Error ? error.message : String(error),
      });
      if (last) return;
      const delay = error instanceof RetryLaterError ? error.retryAfterMs : Math.min(60_000, 1_000 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, delay * backoffScale));
    }
  }
}

function schedule(def: JobDefinition, event: JobEvent) {
  const key = def.concurrencyKey ? `${def.id}:${def.concurrencyKey(event.data)}` : undefined;
  const previous = key ? (lanes.get(key) ?? Promise.resolve()) : Promise.resolve();
  const run = previous.then(() => runInline(def, event));
  if (key) lanes.set(key, run);
  pending.add(run);
  void run.finally(() => {
    pending.delete(run);
    if (key && lanes.get(key) === run) lanes.delete(key);
  });
}

const debounced = new Map<string, { timer: NodeJS.Timeout; event: JobEvent; done: () => void }>();

/** Inline debounce: each new event for the key restarts the wait and replaces the event. */
function scheduleDebounced(def: JobDefinition, event: JobEvent) {
  const key = `${def.id}:${def.debounce!.key(event.data)}`;
  const existing = debounced.get(key);
  const fire = () => {
    const entry = debounced.get(key);
    if (!entry) return;
    debounced.delete(key);
    schedule(def, entry.event);
    entry.done();
  };
  const delay = def.debounce!.periodMs() * backoffScale;
  if (existing) {
    clearTimeout(existing.timer);
    existing.event = event;
    existing.timer = setTimeout(fire, delay);
    return;
  }
  // Counted as pending so drainInlineJobs waits for debounced runs too.
  const waiting = new Promise<void>((resolve) => {
    debounced.set(key, { timer: setTimeout(fire, delay), event, done: resolve });
  });
  pending.add(waiting);
  void waiting.finally(() => pending.delete(waiting));
}

type InlineListener = (event: JobEvent) => void;
const listeners = new Set<InlineListener>();

/** Observes every event the inline runtime accepts (after id deduplication); returns an unsubscribe. */
export function onInlineEvent(listener: InlineListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function emitJobs(events: JobEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (jobsBackend() === "inngest") {
    await inngest.send(events.map((e) => ({ name: e.name, id: e.id, data: e.data })));
    return;
  }
  registry ??= loadRegistry();
  const defs = await registry;
  const now = Date.now();
  for (const event of events) {
    // Same 24-hour id deduplication as Inngest.
    const seen = seenIds.get(event.id);
    if (seen && now - seen < 86_400_000) continue;
    seenIds.set(event.id, now);
    if (seenIds.size > 100_000) seenIds.clear();
    for (const listener of listeners) listener(event);
    const handlers = defs.get(event.name) ?? [];
    logger.debug("inline job event", { event: event.name, id: event.id, handlers: handlers.length });
    for (const def of handlers) {
      if (def.debounce) scheduleDebounced(def, event);
      else schedule(def, event);
    }
  }
}

/** Waits until every inline job started so far (and the ones they started) has finished. */
export async function drainInlineJobs(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

export function setInlineBackoffScaleForTests(scale: number) {
  backoffScale = scale;
}

let cronTimer: NodeJS.Timeout | undefined;

/**
 * Inline stand-in for Inngest's cron triggers: every `intervalMs` the cron job
 * definitions run once (never overlapping themselves). With Inngest configured this is
 * not started; Inngest schedules the same definitions.
 */
export function startInlineSchedules(intervalMs: number): void {
  if (cronTimer || jobsBackend() !== "inline") return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { jobDefinitions } = await import("@/inngest/definitions");
      for (const def of jobDefinitions as JobDefinition[]) {
        if ("cron" in def.trigger) await runInline(def, { name: `cron:${def.id}`, id: `cron:${def.id}:${Date.now()}`, data: {} });
      }
    } finally {
      running = false;
    }
  };
  cronTimer = setInterval(() => void tick(), intervalMs);
  cronTimer.unref();
  logger.info("background jobs run inline in this process", { cronEverySeconds: Math.round(intervalMs / 1000) });
}
