import { expect } from "vitest";
import type { PlaygroundEvent } from "@/server/ai/playground";
import type { Database } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/next-auth";
import { drainInlineJobs } from "@/server/infra/jobs";
import { callerFor } from "./fixtures";

/** Reads a streamed playground answer to its end: the text pieces and the finished reply. */
export async function playgroundAnswer(call: Promise<AsyncIterable<PlaygroundEvent>>) {
  const pieces: string[] = [];
  for await (const event of await call) {
    if (event.type === "text") pieces.push(event.delta);
    else return { ...event, pieces };
  }
  throw new Error("the playground stream ended without a finished reply");
}

/**
 * A buyer writing on a tenant's demo channel (jobs drained, so the engine has answered)
 * and the reply it left. `shop` is read when called: suites set it up in beforeAll.
 */
export function buyerConversation(shop: () => { db: Database; owner: SessionUser; tenantSlug: string; channelId: string }, defaultBuyer: string) {
  return {
    async buyerWrites(text: string, conversationId?: string, buyerName = defaultBuyer) {
      const { db, owner, tenantSlug, channelId } = shop();
      const conversation = await callerFor(db, owner).inbox.simulateIncoming({ tenantSlug, channelAccountId: channelId, buyerName, text, conversationId });
      await drainInlineJobs();
      return conversation.id;
    },
    async latest(conversationId: string) {
      const { db, owner, tenantSlug } = shop();
      const reply = await callerFor(db, owner).ai.latestReply({ tenantSlug, conversationId });
      expect(reply).not.toBeNull();
      return reply!;
    },
  };
}
