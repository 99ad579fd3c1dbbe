import type { BasePrisma } from "./client";
import type { Prisma } from "./generated/client";
import { runInScope, runUnscoped, type Scope } from "./scoped-connections";

/**
 * The one tenant-scoped access path. Every operation on a scoped client runs with its
 * scope (tenant and/or user) attached; the connection layer (scoped-connections.ts)
 * sets app.tenant_id / app.user_id on whichever connection runs the statement, and RLS
 * policies read them. A query that forgets `where: { tenantId }` still sees only the
 * scoped tenant's rows, and an unscoped query sees none.
 */
export type { Scope };
export type ScopedTransaction = Prisma.TransactionClient;

type FindFirst = (args: unknown) => Promise<unknown>;
type Delegates = Record<string, { findFirst: FindFirst; findFirstOrThrow: FindFirst }>;

/**
 * Prisma collects every findUnique of one tick into a batch it dispatches later, from
 * whichever caller started the tick: the scope of that caller would apply to the whole
 * batch. So a scoped findUnique runs as the equivalent findFirst, which is never batched.
 * Compound keys (`a_b: { a, b }`) become plain field filters; the schema names none of
 * its compound keys, so the name is always the fields joined by "_" (tested).
 */
function uniqueWhereAsFilter(where: Record<string, unknown>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    const parts = key.split("_");
    const isCompound =
      parts.length > 1 &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.keys(value).sort().join("_") === [...parts].sort().join("_");
    if (isCompound) Object.assign(filter, value);
    else filter[key] = value;
  }
  return filter;
}

function lowerFirst(name: string) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function scopedClient(base: BasePrisma, scope: Scope) {
  const delegates = base as unknown as Delegates;
  return base.$extends({
    name: "rls-scope",
    query: {
      // Top-level hook: covers model operations and $queryRaw/$executeRaw alike.
      async $allOperations(params) {
        const { model, operation, args, query } = params;
        // Prisma's own request details (not in its public types): a scoped operation put in
        // a batch $transaction would be dispatched from the first caller's scope.
        const internal = (params as { __internalParams?: { transaction?: unknown; dataPath?: unknown[] } }).__internalParams;
        if (internal?.transaction) throw new Error("a scoped operation cannot join a batch $transaction: use $scoped(async (tx) => …)");
        if (model && (operation === "findUnique" || operation === "findUniqueOrThrow")) {
          if (internal?.dataPath?.length) throw new Error("fluent relation calls are not supported on a scoped findUnique: use include or select");
          const delegate = delegates[lowerFirst(model)];
          if (!delegate) throw new Error(`no delegate for model ${model}`);
          const { where, ...rest } = args as { where: Record<string, unknown> };
          const find = operation === "findUnique" ? delegate.findFirst : delegate.findFirstOrThrow;
          return runInScope(scope, () => find({ ...rest, where: uniqueWhereAsFilter(where) }));
        }
        return runInScope(scope, () => query(args));
      },
    },
    client: {
      /**
       * Interactive transaction under the same scope: the transaction's connection is
       * scoped when it is taken. The callback itself runs without an ambient scope, so
       * anything it schedules outside `tx` cannot pick up this tenant by accident.
       */
      $scoped<T>(fn: (tx: ScopedTransaction) => Promise<T>, options?: { timeout?: number }): Promise<T> {
        return runInScope(scope, () =>
          base.$transaction((tx) => runUnscoped(() => fn(tx)), { timeout: options?.timeout ?? 15_000, maxWait: 10_000 }),
        );
      },
      /** A batch `$transaction([...])` is dispatched outside its caller's scope: use `$scoped`. */
      $transaction(): never {
        throw new Error("use $scoped(async (tx) => …) for transactions on a scoped client");
      },
    },
  });
}
export type ScopedDb = ReturnType<typeof scopedClient>;

/**
 * Scoped clients are immutable and cheap to keep, but building one per request costs a
 * `$extends` and garbage that showed up in p95 latency; a small LRU per base client
 * keeps the hot tenants' clients around.
 */
const CACHE_LIMIT = 1_000;
const caches = new WeakMap<BasePrisma, Map<string, ScopedDb>>();

function cachedScope(base: BasePrisma, scope: Scope): ScopedDb {
  let cache = caches.get(base);
  if (!cache) caches.set(base, (cache = new Map()));
  const key = `${scope.tenantId ?? ""}|${scope.userId ?? ""}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const client = scopedClient(base, scope);
  cache.set(key, client);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return client;
}

export function tenantDb(base: BasePrisma, tenantId: string): ScopedDb {
  return cachedScope(base, { tenantId });
}

export function userDb(base: BasePrisma, userId: string): ScopedDb {
  return cachedScope(base, { userId });
}
