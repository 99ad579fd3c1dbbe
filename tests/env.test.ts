import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("configuration", () => {
  it("fails at start-up with a message naming the bad variable", () => {
    process.env.DATABASE_URL = "not a url";
    resetEnvForTests();
    expect(() => env()).toThrow(/DATABASE_URL/);
  });

  it("requires the Upstash token with the Upstash URL", () => {
    process.env.UPSTASH_REDIS_REST_URL = "https://example.upstash.io";
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    resetEnvForTests();
    expect(() => env()).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
  });

  it("parses platform owners case-insensitively and defaults to the embedded engine", () => {
    process.env.PLATFORM_OWNER_EMAILS = " Boss@Example.test , second@example.test";
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    expect(env().PLATFORM_OWNER_EMAILS).toEqual(["boss@example.test", "second@example.test"]);
    expect(env().DATABASE_URL).toBeUndefined();
  });

  it("Stripe needs its webhook secret and price ids, in a readable form", () => {
    process.env.STRIPE_SECRET_KEY = "sk_test_123";
    delete process.env.STRIPE_WEBHOOK_SECRET;
    resetEnvForTests();
    expect(() => env()).toThrow(/STRIPE_WEBHOOK_SECRET/);
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_123";
    process.env.STRIPE_PRICES = "";
    resetEnvForTests();
    expect(() => env()).toThrow(/STRIPE_PRICES: required/);
    process.env.STRIPE_PRICES = "start:month=price_1,pro=price_2";
    resetEnvForTests();
    expect(() => env()).toThrow(/STRIPE_PRICES: "pro=price_2" is not plan:month=price_id/);
    process.env.STRIPE_PRICES = "start:month=price_1, pro:year=price_2";
    resetEnvForTests();
    expect(env().STRIPE_PRICES).toEqual([
      { planId: "start", interval: "month", priceId: "price_1" },
      { planId: "pro", interval: "year", priceId: "price_2" },
    ]);
  });

  it("seeds the demo shop (published password) by default, except in production on a real database", () => {
    const seeds = (vars: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(vars)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvForTests();
      return env().SEED_DEMO;
    };
    const production = { NEXTAUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    expect(seeds({ DATABASE_URL: undefined, NODE_ENV: "production", SEED_DEMO: undefined })).toBe(true);
    expect(seeds({ DATABASE_URL: "postgresql://app@db.example/bokai", NODE_ENV: "development", SEED_DEMO: undefined })).toBe(true);
    expect(seeds({ ...production, DATABASE_URL: "postgresql://app@db.example/bokai", NODE_ENV: "production", SEED_DEMO: undefined })).toBe(false);
    expect(seeds({ ...production, DATABASE_URL: "postgresql://app@db.example/bokai", NODE_ENV: "production", SEED_DEMO: "1" })).toBe(true);
    expect(seeds({ DATABASE_URL: undefined, NODE_ENV: "development", SEED_DEMO: "0" })).toBe(false);
    process.env.SEED_DEMO = "yes please";
    resetEnvForTests();
    expect(() => env()).toThrow(/SEED_DEMO/);
  });
});
