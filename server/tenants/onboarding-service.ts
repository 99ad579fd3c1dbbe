import type { ScopedDb } from "@/server/db/tenant-scope";

export interface OnboardingSteps {
  /** At least one knowledge document (uploaded, pasted or imported). */
  knowledge: boolean;
  /** The AI's settings were saved once (what goes out on its own, signature, tone). */
  aiAnswers: boolean;
  /** A real sales channel is connected (the test channel does not count). */
  channel: boolean;
  /** Someone else was invited or has joined. */
  team: boolean;
}

/** A new company's first steps, each read from what the company already has. */
export async function getOnboardingSteps(db: ScopedDb): Promise<OnboardingSteps> {
  const [documents, aiSettings, channels, members, invitations] = await Promise.all([
    db.document.count({ take: 1 }),
    db.aiSettings.count({ take: 1 }),
    db.channelAccount.count({ where: { kind: { not: "demo" }, status: { not: "disconnected" } }, take: 1 }),
    db.membership.count({ take: 2 }),
    db.invitation.count({ take: 1 }),
  ]);
  return { knowledge: documents > 0, aiAnswers: aiSettings > 0, channel: channels > 0, team: members > 1 || invitations > 0 };
}
