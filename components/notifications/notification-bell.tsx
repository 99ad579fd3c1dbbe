"use client";

import { useId } from "react";
import { Popover, PopoverButton, PopoverPanel } from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { BellIcon } from "@/components/ui/icons";
import { NotificationPanel } from "./notification-panel";
import { NOTIFICATIONS_POLL_MS } from "./types";

/**
 * The bell in the shell: the unread count (polled) on the button, and a panel with the
 * signed-in member's notifications. The panel is a non-modal dialog: focus moves to its
 * heading, Escape or a click outside closes it and focus returns to the bell.
 */
export function NotificationBell({ placement = "bottom start", className }: { placement?: "bottom start" | "bottom end"; className?: string }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const headingId = useId();
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions({ tenantSlug: tenant.slug }, { refetchInterval: NOTIFICATIONS_POLL_MS }));
  const count = unread.data ?? 0;
  const label = count > 0 ? t("notifications.ui.bellUnread", { count }) : t("notifications.ui.bell");

  return (
    <Popover className={clsx("relative", className)}>
      <PopoverButton
        aria-label={label}
        title={label}
        className="relative flex cursor-pointer items-center justify-center rounded-md p-1.5 text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900 data-open:bg-slate-100 data-open:text-slate-900"
      >
        <BellIcon className="size-6" />
        {count > 0 && (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -top-0.5 -right-1 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] leading-5 font-semibold text-white ring-2 ring-white"
          >
            {count > 99 ? "99+" : count}
          </span>
        )}
      </PopoverButton>
      <PopoverPanel
        anchor={{ to: placement, gap: 6, padding: 12 }}
        transition
        role="dialog"
        aria-labelledby={headingId}
        className="z-50 w-96 max-w-[calc(100vw-1.5rem)] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg transition duration-100 ease-out focus:outline-none data-closed:scale-95 data-closed:opacity-0"
      >
        {({ close }) => <NotificationPanel headingId={headingId} unreadCount={count} onNavigate={() => close()} />}
      </PopoverPanel>
    </Popover>
  );
}
