"use client";

import { Menu, MenuButton, MenuItem, MenuItems, MenuSeparator } from "@headlessui/react";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { DotsIcon, PencilIcon, RefreshIcon, SwapIcon, TrashIcon } from "./knowledge-icons";
import type { KnowledgeDocument } from "./types";

const itemClasses =
  "flex w-full cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-700 data-disabled:cursor-not-allowed data-disabled:opacity-50 data-focus:bg-slate-100 data-focus:text-slate-900";

/** The admin's actions on one document, in a menu so the table stays readable. */
export function DocumentActions({
  document,
  onEdit,
  onReplace,
  onRetry,
  onDelete,
}: {
  document: KnowledgeDocument;
  onEdit: () => void;
  onReplace: () => void;
  onRetry: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  return (
    <Menu>
      <MenuButton
        aria-label={t("knowledge.list.actionsFor", { title: document.title })}
        className="inline-flex size-8 cursor-pointer items-center justify-center rounded-lg text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-800 data-open:bg-slate-100 data-open:text-slate-800"
      >
        <DotsIcon className="size-5" />
      </MenuButton>
      <MenuItems
        anchor={{ to: "bottom end", gap: 4 }}
        transition
        className="z-50 w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:scale-95 data-closed:opacity-0"
      >
        <MenuItem>
          <button type="button" className={itemClasses} onClick={onEdit}>
            <PencilIcon className="size-4 text-slate-500" />
            {t("knowledge.list.edit")}
          </button>
        </MenuItem>
        {document.source === "upload" && (
          <MenuItem>
            <button type="button" className={itemClasses} onClick={onReplace}>
              <SwapIcon className="size-4 text-slate-500" />
              {t("knowledge.list.replace")}
            </button>
          </MenuItem>
        )}
        {document.status !== "ready" && (
          <MenuItem>
            <button type="button" className={itemClasses} onClick={onRetry}>
              <RefreshIcon className="size-4 text-slate-500" />
              {t("knowledge.list.retry")}
            </button>
          </MenuItem>
        )}
        <MenuSeparator className="my-1 h-px bg-slate-100" />
        <MenuItem>
          <button type="button" className={clsx(itemClasses, "text-red-700 data-focus:bg-red-50 data-focus:text-red-800")} onClick={onDelete}>
            <TrashIcon className="size-4" />
            {t("knowledge.list.delete")}
          </button>
        </MenuItem>
      </MenuItems>
    </Menu>
  );
}
