import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { PGlite, Transaction } from "@electric-sql/pglite";

/**
 * Where the tenant scope meets the connection. tenant-scope.ts runs each operation of a
 * scoped client inside `runInScope`; the driver below reads that scope at the moment a
 * statement or transaction takes a connection and sets app.tenant_id / app.user_id,
 * transaction-local, in the very transaction the statement runs in. No session ever
 * carries a scope, so a statement that misses its own sees no tenant rows.
 *
 * Why here and not as a Prisma transaction around each operation: that cost BEGIN,
 * set_config and COMMIT round trips plus Prisma's transaction bookkeeping, more than
 * doubling a small read. On PostgreSQL the four statements are pipelined (one round
 * trip); on PGlite they run in one in-process transaction.
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
/** Transaction-local: the scope dies with the statement's transaction, never outlives it on the connection. */
const SET_LOCAL_SCOPE = "SELECT set_config('app.tenant_id', $1, TRUE), set_config('app.user_id', $2, TRUE)";

type Query = (...args: unknown[]) => Promise<pg.QueryResult>;

function statementText(config: unknown): string {
  const text = typeof config === "string" ? config : (config as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text.trimStart() : "";
}

/**
 * PostgreSQL: a pool that scopes every statement in a transaction of its own, so no
 * session ever carries a tenant: a statement that somehow misses its scope sees nothing.
 * Clients run in pg's pipeline mode: BEGIN, the scope, the statement and COMMIT go out
 * together (one round trip), and if the scope fails the transaction is aborted and the
 * statement with it.
 */
export class ScopedPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super({ ...config, pipeline: true });
  }

  /** For Prisma's transactions: the scope goes out with the transaction's first statement. */
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: unknown): Promise<pg.PoolClient> | void {
    if (callback) throw new Error("ScopedPool.connect takes no callback");
    const scope = currentScope();
    return super.connect().then((client) => transactionClient(client, scope));
  }

  /** For single statements outside a transaction. */
  override query(...args: unknown[]): never {
    if (args.some((a) => typeof a === "function")) throw new Error("ScopedPool.query takes no callback");
    const scope = currentScope();
    const run = async () => {
      const client = await super.connect();
      const query = client.query.bind(client) as Query;
      const outcomes = await Promise.allSettled([query("BEGIN"), query(SET_LOCAL_SCOPE, SCOPE_PARAMS(scope)), query(...args), query("COMMIT")]);
      const failure = outcomes.find((o) => o.status === "rejected");
      if (!failure) {
        client.release();
        return (outcomes[2] as PromiseFulfilledResult<pg.QueryResult>).value;
      }
      // A statement the server refused aborts the transaction and COMMIT ends it as a
      // rollback: the connection is clean. Anything else (a broken connection) destroys it.
      const clean = outcomes[3].status === "fulfilled" && outcomes.every((o) => o.status === "fulfilled" || o.reason instanceof pg.DatabaseError);
      client.release(clean ? undefined : asError(failure.reason));
      throw failure.reason;
    };
    return run() as never;
  }
}

/**
 * The connection of one Prisma transaction. After BEGIN, the scope statement is
 * pipelined in front of the first statement that is not SET TRANSACTION (which must
 * come first). Once Prisma releases it (commit, rollback, timeout), statements that a
 * still-running operation sends are refused: the pool may already have lent the
 * connection to another tenant. A connection released with statements still in flight
 * is destroyed rather than lent.
 */
function transactionClient(client: pg.PoolClient, scope: Scope): pg.PoolClient {
  const send = client.query.bind(client) as Query;
  let released = false;
  let inFlight = 0;
  let scopePending = false;
  const track = (pending: Promise<pg.QueryResult>) => {
    inFlight++;
    pending.then(
      () => inFlight--,
      () => inFlight--,
    );
    return pending;
  };
  const query = async (...args: unknown[]) => {
    if (released) throw new Error("statement refused: its transaction has already ended");
    const text = statementText(args[0]);
    if (/^BEGIN\b/i.test(text)) scopePending = true;
    else if (scopePending && !/^SET\s+TRANSACTION\b/i.test(text)) {
      scopePending = false;
      const [scoped, result] = await Promise.allSettled([track(send(SET_LOCAL_SCOPE, SCOPE_PARAMS(scope))), track(send(...args))]);
      if (scoped.status === "rejected") throw scoped.reason;
      if (result.status === "rejected") throw result.reason;
      return result.value;
    }
    return track(send(...args));
  };
  const release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.release(error ?? (inFlight > 0 ? new Error("released with statements in flight") : undefined));
  };
  return withOverrides(client, { query, release });
}

/**
 * PGlite has one connection shared by every caller, so each statement runs with its
 * scope in one transaction as well (in-process: microseconds, not round trips).
 */
export function scopedPglite(lite: PGlite): PGlite {
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) => {
    const scope = currentScope();
    return lite.transaction(async (tx) => {
      await tx.query(SET_LOCAL_SCOPE, SCOPE_PARAMS(scope));
      return callback(tx);
    });
  };
  const query: PGlite["query"] = (sql, params, options) => transaction((tx) => tx.query(sql, params, options));
  return withOverrides(lite, { query, transaction });
}

/** `target` with some members replaced; the others stay bound to `target` itself. */
function withOverrides<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
