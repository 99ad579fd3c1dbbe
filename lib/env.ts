import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Validated once with zod; a bad value stops
 * start-up with a message naming the variable instead of failing later at random.
 */
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const flag = z.preprocess((v) => v === "1" || v === "true", z.boolean());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: optionalUrl.describe("PostgreSQL URL; unset = embedded PGlite under DATA_DIR"),
  MIGRATION_DATABASE_URL: optionalUrl.describe("owner URL for migrations; defaults to DATABASE_URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default("./.data"),
  NEXTAUTH_SECRET: optionalString,
  ENCRYPTION_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((k) => Buffer.from(k, "base64").length === 32, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)")
      .optional(),
  ),
  NEXTAUTH_URL: optionalUrl,
  PLATFORM_OWNER_EMAILS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Proxies in front of the app that append to X-Forwarded-For (1 = one load balancer). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  REDIS_URL: optionalUrl,
  INNGEST_DEV: flag,
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  ALLEGRO_API_URL: z.string().url().default("https://api.allegro.pl"),
  ALLEGRO_AUTH_URL: z.string().url().default("https://allegro.pl/auth/oauth"),
  ALLEGRO_CLIENT_ID: optionalString,
  ALLEGRO_CLIENT_SECRET: optionalString,
  /** How often connected marketplace accounts are polled for new messages. */
  POLL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** OpenAI or any OpenAI-compatible API (the base URL switches between them). */
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  /** Ollama's API root, e.g. http://127.0.0.1:11434/api. */
  OLLAMA_BASE_URL: optionalUrl,
  /** Anthropic's API (optional provider); the base URL is for proxies and tests. */
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  /** Who writes replies; "none" (the default) uses the built-in offline responder. */
  AI_PROVIDER: z.enum(["none", "openai", "anthropic", "ollama"]).default("none"),
  /** Model names per tier: `fast` for simple messages, `smart` for the ones needing judgement. */
  AI_MODEL_FAST: optionalString,
  AI_MODEL_SMART: optionalString,
  /** Buyer messages arriving within this window get one reply (not counted in the 3 s promise). */
  AI_DEBOUNCE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /**
   * Private addresses webhook tools may reach anyway (comma-separated IPs or CIDRs), e.g.
   * 127.0.0.1 for an n8n on the same machine in development. Empty in production.
   */
  OUTBOUND_ALLOW_ADDRESSES: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((a) => a.trim()).filter(Boolean)),
  /** Seconds a generation may take before the conversation goes to a person. */
  AI_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(20),
  /** Embeddings for hybrid retrieval; "none" (the default) keeps retrieval lexical. */
  EMBEDDING_PROVIDER: z.enum(["none", "openai", "ollama"]).default("none"),
  EMBEDDING_MODEL: optionalString,
  /** Vector size stored and indexed (HNSW indexes exist for these sizes). */
  EMBEDDING_DIMENSIONS: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.union([z.literal(768), z.literal(1024), z.literal(1536)]).optional()),
  /** Stripe (billing); unset = every company stays on its trial/free plan, nothing is charged. */
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Stripe's API root; only tests and proxies change it. */
  STRIPE_API_URL: optionalUrl,
  /** Stripe price ids per plan and interval: "start:month=price_…,start:year=price_…,pro:month=…". */
  STRIPE_PRICES: z
    .string()
    .default("")
    .transform((s, ctx) => {
      const prices: { planId: string; interval: "month" | "year"; priceId: string }[] = [];
      for (const entry of s.split(",").map((e) => e.trim()).filter(Boolean)) {
        const m = /^([a-z0-9_-]+):(month|year)=(\S+)$/.exec(entry);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `"${entry}" is not plan:month=price_id or plan:year=price_id` });
          return z.NEVER;
        }
        prices.push({ planId: m[1]!, interval: m[2] as "month" | "year", priceId: m[3]! });
      }
      return prices;
    }),
  /** What the platform's infrastructure costs a month (PLN, servers, database, Redis): shared among companies in the owner panel's margins. */
  INFRA_MONTHLY_COST_PLN: z.coerce.number().min(0).default(0),
  /** Days a company whose payment failed keeps full access before AI replies pause. */
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  /**
   * Seed the demo shop (with its published password) on an empty database. Default: yes on
   * an embedded install or in development, no in production on a real database.
   */
  SEED_DEMO: z.enum(["0", "1", "false", "true"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "SEED_DEMO"> & { SEED_DEMO: boolean; authSecret: string; encryptionKey: Buffer };

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
}

/**
 * Embedded installs get generated secrets kept next to their data, so sessions and
 * encrypted credentials survive restarts. A real deployment must set them explicitly.
 */
function resolveGeneratedSecret(parsed: z.infer<typeof EnvSchema>, variable: string, value: string | undefined): string {
  if (value) return value;
  if (parsed.DATA_DIR.startsWith("memory://")) return randomBytes(32).toString("base64");
  if (parsed.DATABASE_URL && parsed.NODE_ENV === "production") {
    throw new Error(`Invalid configuration:\n  - ${variable}: required when DATABASE_URL is set in production`);
  }
  const file = path.join(parsed.DATA_DIR, variable.toLowerCase());
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(parsed.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${formatIssues(result.error)}`);
  }
  if (result.data.UPSTASH_REDIS_REST_URL && !result.data.UPSTASH_REDIS_REST_TOKEN) {
    throw new Error("Invalid configuration:\n  - UPSTASH_REDIS_REST_TOKEN: required with UPSTASH_REDIS_REST_URL");
  }
  if (result.data.AI_PROVIDER === "openai" && !result.data.OPENAI_API_KEY) {
    throw new Error("Invalid configuration:\n  - OPENAI_API_KEY: required with AI_PROVIDER=openai");
  }
  if (result.data.AI_PROVIDER === "anthropic" && !result.data.ANTHROPIC_API_KEY) {
    throw new Error("Invalid configuration:\n  - ANTHROPIC_API_KEY: required with AI_PROVIDER=anthropic");
  }
  if (result.data.AI_PROVIDER === "ollama" && !result.data.OLLAMA_BASE_URL) {
    throw new Error("Invalid configuration:\n  - OLLAMA_BASE_URL: required with AI_PROVIDER=ollama");
  }
  if (result.data.EMBEDDING_PROVIDER === "openai" && !result.data.OPENAI_API_KEY) {
    throw new Error("Invalid configuration:\n  - OPENAI_API_KEY: required with EMBEDDING_PROVIDER=openai");
  }
  if (result.data.EMBEDDING_PROVIDER === "ollama" && !result.data.OLLAMA_BASE_URL) {
    throw new Error("Invalid configuration:\n  - OLLAMA_BASE_URL: required with EMBEDDING_PROVIDER=ollama");
  }
  if (result.data.STRIPE_SECRET_KEY && !result.data.STRIPE_WEBHOOK_SECRET) {
    throw new Error("Invalid configuration:\n  - STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY (the endpoint's signing secret, whsec_…)");
  }
  if (result.data.STRIPE_SECRET_KEY && result.data.STRIPE_PRICES.length === 0) {
    throw new Error("Invalid configuration:\n  - STRIPE_PRICES: required with STRIPE_SECRET_KEY (e.g. start:month=price_…,pro:month=price_…)");
  }
  const productionDatabase = !!result.data.DATABASE_URL && result.data.NODE_ENV === "production";
  cached = {
    ...result.data,
    SEED_DEMO: result.data.SEED_DEMO === undefined ? !productionDatabase : result.data.SEED_DEMO === "1" || result.data.SEED_DEMO === "true",
    authSecret: resolveGeneratedSecret(result.data, "NEXTAUTH_SECRET", result.data.NEXTAUTH_SECRET),
    encryptionKey: Buffer.from(resolveGeneratedSecret(result.data, "ENCRYPTION_KEY", result.data.ENCRYPTION_KEY), "base64"),
  };
  // next-auth reads NEXTAUTH_URL itself; on a local install it is where we serve.
  if (!cached.NEXTAUTH_URL) process.env.NEXTAUTH_URL = `http://localhost:${cached.PORT}`;
  return cached;
}

/** Tests change the environment between suites; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Where the app is served (links in e-mails and payment redirects). */
export function appOrigin(): string {
  const config = env();
  return (config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}
