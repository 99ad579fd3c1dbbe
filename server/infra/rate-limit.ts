import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";
import { createRedisRequester } from "./redis-requester";

export type RateLimitBackend = "upstash" | "redis" | "memory";

export interface RateLimitResult {
  success: boolean;
  /** Epoch milliseconds when the window allows the next request. */
  reset: number;
  remaining: number;
}

export interface RateLimiter {
  limit(key: string): Promise<RateLimitResult>;
}

export interface RateLimitRule {
  /** Namespaces keys so different limits never share counters. */
  prefix: string;
  tokens: number;
  window: Duration;
}

function durationMs(window: Duration): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(window);
  if (!match) throw new Error(`Unsupported rate-limit window: ${window}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "ms" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

/**
 * In-process sliding log, for the embedded default only: it is exact within one
 * process but not shared between instances, which /api/health says out loud.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly windowMs: number;

  constructor(private readonly rule: RateLimitRule) {
    this.windowMs = durationMs(rule.window);
  }

  async limit(key: string): Promise<RateLimitResult> {
    const now = Date.now();
    const fullKey = `${this.rule.prefix}:${key}`;
    const recent = (this.hits.get(fullKey) ?? []).filter((t) => t > now - this.windowMs);
    const success = recent.length < this.rule.tokens;
    if (success) recent.push(now);
    this.hits.set(fullKey, recent);
    if (this.hits.size > 50_000) this.evictExpired(now);
    const oldest = recent[0] ?? now;
    return { success, remaining: Math.max(0, this.rule.tokens - recent.length), reset: oldest + this.windowMs };
  }

  private evictExpired(now: number) {
    for (const [k, times] of this.hits) if (!times.some((t) => t > now - this.windowMs)) this.hits.delete(k);
  }
}

let sharedRedis: Redis | undefined;

export function rateLimitBackend(): RateLimitBackend {
  const e = env();
  if (e.UPSTASH_REDIS_REST_URL) return "upstash";
  if (e.REDIS_URL) return "redis";
  return "memory";
}

function redis(): Redis {
  if (sharedRedis) return sharedRedis;
  const e = env();
  sharedRedis = e.UPSTASH_REDIS_REST_URL
    ? new Redis({ url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN ?? "" })
    : new Redis(createRedisRequester(e.REDIS_URL ?? "").requester);
  return sharedRedis;
}

/** Whether the shared rate-limit store answers (for /api/health); null when limits are in-process. */
export async function rateLimitStoreReachable(timeoutMs = 1_000): Promise<boolean | null> {
  if (rateLimitBackend() === "memory") return null;
  try {
    const pong = await Promise.race([redis().ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref())]);
    return pong === "PONG";
  } catch {
    return false;
  }
}

/** A sliding-window limiter on the configured backend (Upstash REST, Redis, or in-process). */
export function createRateLimiter(rule: RateLimitRule, backend = rateLimitBackend()): RateLimiter {
  if (backend === "memory") return new MemoryRateLimiter(rule);
  const limiter = new Ratelimit({
    redis: redis(),
    limiter: Ratelimit.slidingWindow(rule.tokens, rule.window),
    prefix: `bokai:${rule.prefix}`,
  });
  return {
    async limit(key) {
      const r = await limiter.limit(key);
      return { success: r.success, reset: r.reset, remaining: r.remaining };
    },
  };
}
