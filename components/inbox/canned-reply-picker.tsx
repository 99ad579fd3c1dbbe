"use client";

import Link from "next/link";
import { Menu, MenuButton, MenuItem, MenuItems, MenuSeparator } from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { BoltIcon, ChevronDownIcon } from "./inbox-icons";
import type { CannedReply } from "./types";

export function CannedReplyPicker({ disabled, onPick }: { disabled?: boolean; onPick: (reply: CannedReply) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const canned = useQuery(trpc.inbox.cannedReplies.queryOptions({ tenantSlug: tenant.slug }));
  return (
    <Menu>
      <MenuButton disabled={disabled} className={buttonClasses({ variant: "ghost", size: "sm" })}>
        <BoltIcon className="size-4" />
        {t("inbox.reply.canned")}
        <ChevronDownIcon className="size-3.5 text-slate-500" />
      </MenuButton>
      <MenuItems
        anchor={{ to: "top start", gap: 6 }}
        transition
        className="z-50 max-h-80 w-80 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:opacity-0"
      >
        {canned.isPending && (
          <div className="flex items-center gap-2 px-3 py-2 text-sm text-slate-500">
            <Spinner /> {t("common.loading")}
          </div>
        )}
        {canned.isError && <div className="px-3 py-2 text-sm text-red-700">{t("inbox.reply.cannedFailed")}</div>}
        {canned.data?.length === 0 && <div className="px-3 py-2 text-sm text-slate-500">{t("inbox.reply.cannedEmpty")}</div>}
        {canned.data?.map((reply) => (
          <MenuItem key={reply.id}>
            <button
              type="button"
              onClick={() => onPick(reply)}
              className="block w-full cursor-pointer rounded-md px-3 py-2 text-left data-focus:bg-slate-100"
            >
              <span className="block text-sm font-medium text-slate-900">{reply.title}</span>
              <span className="mt-0.5 line-clamp-2 block text-xs text-slate-500">{reply.body}</span>
            </button>
          </MenuItem>
        ))}
        <MenuSeparator className="my-1 h-px bg-slate-100" />
        <MenuItem>
          <Link
            href={`/t/${tenant.slug}/settings/inbox`}
            className="block rounded-md px-3 py-2 text-sm text-brand-700 data-focus:bg-slate-100"
          >
            {t("inbox.reply.manageCanned")}
          </Link>
        </MenuItem>
      </MenuItems>
    </Menu>
  );
}
