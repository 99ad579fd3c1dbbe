import type { ScopedTransaction } from "@/server/db/tenant-scope";
import { notifyUsers } from "@/server/notifications/notification-service";
import type { Intent } from "./intent";

/** "Complaints go to Anna, everything else to Piotr": the first rule matching the intent wins. */
export interface EscalationRule {
  intent: Intent | "*";
  assigneeId: string;
}

/**
 * Hands an escalated conversation to a person, inside the transaction that stores the
 * escalation: a conversation someone already owns stays theirs; otherwise the tenant's
 * rules pick an assignee (skipping anyone who has since left the team). The owner, or
 * with nobody assigned every owner and admin, gets an in-app notification.
 */
export async function routeEscalation(
  tx: ScopedTransaction,
  tenantId: string,
  input: { conversationId: string; intent: Intent; reason: string | null; rules: EscalationRule[]; replyId: string },
): Promise<{ assigneeId: string | null; notified: number }> {
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: input.conversationId }, select: { assigneeId: true } });
  const members = await tx.membership.findMany({ select: { userId: true, role: true } });
  const isMember = (userId: string | null) => userId !== null && members.some((m) => m.userId === userId);

  let assigneeId = isMember(conversation.assigneeId) ? conversation.assigneeId : null;
  if (!assigneeId) {
    const rule = input.rules.find((r) => (r.intent === "*" || r.intent === input.intent) && isMember(r.assigneeId));
    if (rule) {
      assigneeId = rule.assigneeId;
      await tx.conversation.update({ where: { id: input.conversationId }, data: { assigneeId } });
      await tx.conversationEvent.create({
        data: { tenantId, conversationId: input.conversationId, actorUserId: null, type: "assigned", data: { from: conversation.assigneeId, to: assigneeId, byRule: rule.intent } },
      });
    }
  }
  const recipients = assigneeId ? [assigneeId] : members.filter((m) => m.role === "owner" || m.role === "admin").map((m) => m.userId);
  const notified = await notifyUsers(tx, tenantId, recipients, {
    kind: "ai_escalated",
    conversationId: input.conversationId,
    data: { reason: input.reason, replyId: input.replyId },
  });
  return { assigneeId, notified };
}
