import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { PGlite, Transaction } from "@electric-sql/pglite";

/**
 * Where the tenant scope meets the connection. tenant-scope.ts runs each operation of a
 * scoped client inside `runInScope`; the driver below reads that scope at the moment a
 * statement or transaction takes a connection and sets app.tenant_id / app.user_id on
 * that very connection first. Every checkout sets the scope (the empty one for unscoped
 * callers), so no setting can survive from one borrower to the next.
 *
 * Why here and not as a Prisma transaction around each operation: the transaction cost
 * BEGIN, set_config and COMMIT round trips plus Prisma's transaction bookkeeping, more
 * than doubling a small read. On PostgreSQL the scope statement is pipelined in front
 * of the query (one round trip); on PGlite both run in one in-process transaction.
 */
export interface Scope {
  tenantId?: string;
  userId?: string;
}

// One store per process: Next.js may evaluate this module in several bundles, and the
// database (opened once per process, see client.ts) must read the store the scoped
// clients of every bundle write.
const storeKey = Symbol.for("bok-ai.scope-store");
type GlobalWithStore = typeof globalThis & { [storeKey]?: AsyncLocalStorage<Scope> };
const scopeStore = ((globalThis as GlobalWithStore)[storeKey] ??= new AsyncLocalStorage<Scope>());
const NO_SCOPE: Scope = {};

/** Awaits `fn` inside the scope (Prisma promises are lazy: returning one unawaited would run it outside). */
export function runInScope<T>(scope: Scope, fn: () => PromiseLike<T>): Promise<T> {
  return scopeStore.run(scope, async () => await fn());
}

/** Runs `fn` with no ambient scope, so work it schedules cannot inherit the caller's tenant. */
export function runUnscoped<T>(fn: () => Promise<T>): Promise<T> {
  return scopeStore.exit(fn);
}

function currentScope(): Scope {
  return scopeStore.getStore() ?? NO_SCOPE;
}

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));

const SCOPE_PARAMS = (scope: Scope) => [scope.tenantId ?? "", scope.userId ?? ""];

/**
 * PostgreSQL: a pool whose every checkout first sets the borrower's scope for the session.
 * Clients run in pipeline mode, so the scope statement and the query go out together
 * and the query is only released to Prisma when the scope statement succeeded.
 */
export class ScopedPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super({ ...config, pipeline: true });
  }

  private static setScope(client: pg.PoolClient, scope: Scope) {
    // A named statement is parsed once per connection.
    return client.query({
      name: "bokai_set_scope",
      text: "SELECT set_config('app.tenant_id', $1, FALSE), set_config('app.user_id', $2, FALSE)",
      values: SCOPE_PARAMS(scope),
    });
  }

  /** For transactions: the connection is scoped before it is handed out. */
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: unknown): Promise<pg.PoolClient> | void {
    if (callback) throw new Error("ScopedPool.connect takes no callback");
    const scope = currentScope();
    return super.connect().then(async (client) => {
      try {
        await ScopedPool.setScope(client, scope);
        return client;
      } catch (error) {
        client.release(asError(error));
        throw error;
      }
    });
  }

  /** For single statements outside a transaction: scope and statement in one round trip. */
  override query(...args: unknown[]): never {
    if (args.some((a) => typeof a === "function")) throw new Error("ScopedPool.query takes no callback");
    const scope = currentScope();
    const run = async () => {
      const client = await super.connect();
      const scoped = ScopedPool.setScope(client, scope);
      const result = (client.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
      // Both settle before anything is returned: a result whose scope failed to apply is discarded.
      const [scopeOutcome, resultOutcome] = await Promise.allSettled([scoped, result]);
      if (scopeOutcome.status === "rejected") {
        client.release(asError(scopeOutcome.reason));
        throw scopeOutcome.reason;
      }
      if (resultOutcome.status === "rejected") {
        // A statement the server refused (constraint, syntax) leaves the connection usable.
        client.release(resultOutcome.reason instanceof pg.DatabaseError ? undefined : asError(resultOutcome.reason));
        throw resultOutcome.reason;
      }
      client.release();
      return resultOutcome.value;
    };
    return run() as never;
  }
}

const SET_LOCAL_SCOPE = "SELECT set_config('app.tenant_id', $1, TRUE), set_config('app.user_id', $2, TRUE)";

/**
 * PGlite has one connection shared by every caller: a session setting could be changed
 * by another caller between the scope statement and the query, so both run in one
 * transaction (in-process, so it costs microseconds, not round trips).
 */
export function scopedPglite(lite: PGlite): PGlite {
  const query: PGlite["query"] = (sql, params, options) => {
    const scope = currentScope();
    return lite.transaction(async (tx) => {
      await tx.query(SET_LOCAL_SCOPE, SCOPE_PARAMS(scope));
      return tx.query(sql, params, options);
    });
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) => {
    const scope = currentScope();
    return lite.transaction(async (tx) => {
      await tx.query(SET_LOCAL_SCOPE, SCOPE_PARAMS(scope));
      return callback(tx);
    });
  };
  return new Proxy(lite, {
    get(target, property, receiver) {
      if (property === "query") return query;
      if (property === "transaction") return transaction;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
