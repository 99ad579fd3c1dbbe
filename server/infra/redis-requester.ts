import { createHash } from "node:crypto";
import IORedis from "ioredis";

/**
 * Lets @upstash/redis (and so @upstash/ratelimit) talk to a plain Redis over TCP, for
 * self-hosted deployments and CI. Upstash's REST API is used when configured instead.
 */
type Command = [string, ...unknown[]];
interface UpstashRequest {
  path?: string[];
  body?: unknown;
}
interface UpstashResponse {
  result?: unknown;
  error?: string;
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

export function createRedisRequester(url: string) {
  const client = new IORedis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // @upstash/ratelimit's scripts start with `#!lua flags=allow-key-locking`, which open-source
  // Redis 7.0 rejects. We strip the flag and remember which original SHA maps to which script.
  const rewrittenSha = new Map<string, string>();

  function rewrite(command: Command): Command {
    const [name, ...args] = command;
    const upper = name.toUpperCase();
    if ((upper === "EVAL" || upper === "SCRIPT") && typeof args[upper === "EVAL" ? 0 : 1] === "string") {
      const index = upper === "EVAL" ? 0 : 1;
      if (upper === "SCRIPT" && String(args[0]).toUpperCase() !== "LOAD") return command;
      const original = String(args[index]);
      const script = original.replace(/^#!lua flags=[^\n]*/, "#!lua");
      rewrittenSha.set(sha1(original), sha1(script));
      const next = [...args];
      next[index] = script;
      return [name, ...next];
    }
    if (upper === "EVALSHA" && typeof args[0] === "string") {
      return [name, rewrittenSha.get(args[0]) ?? args[0], ...args.slice(1)];
    }
    return command;
  }

  async function run(command: Command): Promise<UpstashResponse> {
    const [name, ...args] = rewrite(command);
    try {
      return { result: await client.call(name, ...(args as (string | number | Buffer)[])) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    client,
    requester: {
      async request<TResult>(req: UpstashRequest): Promise<{ result?: TResult; error?: string }> {
        const kind = req.path?.[0];
        if (kind === "pipeline" || kind === "multi-exec") {
          const commands = req.body as Command[];
          const results: UpstashResponse[] = [];
          for (const c of commands) results.push(await run(c));
          return { result: results as TResult };
        }
        const response = await run(req.body as Command);
        return response as { result?: TResult; error?: string };
      },
    },
  };
}
