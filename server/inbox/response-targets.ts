import type { ChannelKind } from "@/server/db/generated/client";

/**
 * Minutes a buyer may wait for an answer before the conversation counts as overdue.
 * Calendar time, weekends included (Amazon counts a reply after 24 h as late).
 * A tenant can override each channel in Settings.
 */
export const DEFAULT_RESPONSE_TARGETS: Record<ChannelKind, number> = {
  demo: 24 * 60,
  allegro: 24 * 60,
  amazon: 24 * 60,
  olx: 24 * 60,
  emag: 24 * 60,
  website: 8 * 60,
};

export function responseTargets(inboxSettings: unknown): Record<ChannelKind, number> {
  const overrides = (inboxSettings as { responseTargets?: Partial<Record<ChannelKind, number>> } | null)?.responseTargets ?? {};
  return { ...DEFAULT_RESPONSE_TARGETS, ...overrides };
}

export function dueAt(awaitingReplySince: Date | null, targetMinutes: number): Date | null {
  return awaitingReplySince ? new Date(awaitingReplySince.getTime() + targetMinutes * 60_000) : null;
}
