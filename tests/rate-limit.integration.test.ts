import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { MemoryRateLimiter } from "@/server/infra/rate-limit";
import { createRedisRequester } from "@/server/infra/redis-requester";

/**
 * The shared limiter runs @upstash/ratelimit's real Lua scripts against a real Redis
 * (REDIS_URL; CI and this machine run one at 127.0.0.1:6379). The in-process fallback
 * is held to the same contract.
 */
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const connection = createRedisRequester(redisUrl);
afterAll(() => connection.client.disconnect());

async function redisReachable(): Promise<boolean> {
  try {
    return (await connection.client.ping()) === "PONG";
  } catch {
    return false;
  }
}

describe("rate limiting", () => {
  it("Upstash sliding window over plain Redis is exact under concurrency", async () => {
    if (!(await redisReachable())) {
      if (process.env.CI) throw new Error(`Redis not reachable at ${redisUrl} in CI`);
      console.warn(`skipping: no Redis at ${redisUrl}`);
      return;
    }
    const limiter = new Ratelimit({
      redis: new Redis(connection.requester),
      limiter: Ratelimit.slidingWindow(5, "1 m"),
      prefix: `bokai:test:${randomBytes(4).toString("hex")}`,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.limit("someone@example.test")));
    expect(results.filter((r) => r.success)).toHaveLength(5);
    expect((await limiter.limit("other@example.test")).success).toBe(true);
  });

  it("the in-process limiter allows exactly the budget per key and window", async () => {
    const limiter = new MemoryRateLimiter({ prefix: "t", tokens: 3, window: "200 ms" });
    const first = await Promise.all(Array.from({ length: 10 }, () => limiter.limit("k")));
    expect(first.filter((r) => r.success)).toHaveLength(3);
    expect((await limiter.limit("other")).success).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect((await limiter.limit("k")).success).toBe(true);
  });
});
