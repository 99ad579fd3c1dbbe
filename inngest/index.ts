import { NonRetriableError, RetryAfterError } from "inngest";
import { inngest } from "./client";
import { jobDefinitions } from "./definitions";
import { RetryLaterError, emitJobs, type JobDefinition } from "@/server/infra/jobs";
import { ConnectorRejectedError } from "@/server/marketplaces/connector";

/**
 * The job definitions as Inngest functions, served at /api/inngest. `step.run` makes
 * each handler's work a durable, memoised step; results are JSON (Inngest serialises them).
 */
function toInngestFunction(def: JobDefinition<never>) {
  return inngest.createFunction(
    {
      id: def.id,
      triggers: ["event" in def.trigger ? { event: def.trigger.event } : { cron: def.trigger.cron }],
      retries: def.retries,
      ...(def.concurrencyExpression ? { concurrency: { limit: 1, key: def.concurrencyExpression } } : {}),
      ...(def.debounce && def.debounce.periodMs() >= 1000
        ? { debounce: { key: def.debounce.expression, period: `${Math.round(def.debounce.periodMs() / 1000)}s` as `${number}s` } }
        : {}),
    },
    async ({ event, step, attempt, maxAttempts }) => {
      try {
        return await def.handler({
          data: (event.data ?? {}) as never,
          attempt,
          maxAttempts: maxAttempts ?? def.retries + 1,
          run: async <T,>(id: string, fn: () => Promise<T>) => (await step.run(id, fn)) as T,
          emit: emitJobs,
        });
      } catch (error) {
        if (error instanceof RetryLaterError) throw new RetryAfterError(error.message, error.retryAfterMs);
        if (error instanceof ConnectorRejectedError) throw new NonRetriableError(error.message);
        throw error;
      }
    },
  );
}

export const functions = jobDefinitions.map(toInngestFunction);
