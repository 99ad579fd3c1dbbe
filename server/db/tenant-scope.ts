import type { BasePrisma } from "./client";
import type { Prisma } from "./generated/client";

/**
 * The one tenant-scoped access path. Every operation on a scoped client runs in its
 * own transaction whose first statement sets app.tenant_id / app.user_id with
 * set_config(..., is_local => TRUE), so the setting dies with the transaction and can
 * never leak to the next request that borrows the pooled connection. RLS policies
 * read those settings: a query that forgets `where: { tenantId }` still sees only
 * the scoped tenant's rows, and an unscoped query sees none.
 */
export interface Scope {
  tenantId?: string;
  userId?: string;
}

export type ScopedTransaction = Prisma.TransactionClient;

function setScope(client: { $executeRaw: BasePrisma["$executeRaw"] }, scope: Scope) {
  return client.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId ?? ""}, TRUE), set_config('app.user_id', ${scope.userId ?? ""}, TRUE)`;
}

export function scopedClient(base: BasePrisma, scope: Scope) {
  return base.$extends({
    name: "rls-scope",
    query: {
      // Top-level hook: covers model operations and $queryRaw/$executeRaw alike.
      async $allOperations({ args, query }) {
        const [, result] = await base.$transaction([setScope(base, scope), query(args)]);
        return result;
      },
    },
    client: {
      /**
       * Interactive transaction under the same scope. Calling `$transaction(async tx => …)`
       * on the scoped client would not be atomic (each operation would open its own
       * transaction through the hook above), so multi-statement work goes through here.
       */
      $scoped<T>(fn: (tx: ScopedTransaction) => Promise<T>, options?: { timeout?: number }): Promise<T> {
        return base.$transaction(
          async (tx) => {
            await setScope(tx, scope);
            return fn(tx);
          },
          { timeout: options?.timeout ?? 15_000, maxWait: 10_000 },
        );
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
