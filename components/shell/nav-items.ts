import type { MessageKey } from "@/lib/i18n/messages";
import { BookIcon, CardIcon, CogIcon, InboxIcon, SparklesIcon, UsersIcon } from "@/components/ui/icons";

export interface NavItem {
  segment: string;
  label: MessageKey;
  icon: typeof InboxIcon;
}

/** Sections under /t/[slug]/; `segment` is both the URL part and the React key. */
export const TENANT_NAV_ITEMS: readonly NavItem[] = [
  { segment: "inbox", label: "nav.inbox", icon: InboxIcon },
  { segment: "knowledge", label: "nav.knowledge", icon: BookIcon },
  { segment: "ai", label: "nav.ai", icon: SparklesIcon },
  { segment: "billing", label: "nav.billing", icon: CardIcon },
  { segment: "settings", label: "nav.settings", icon: CogIcon },
  { segment: "members", label: "nav.members", icon: UsersIcon },
];
