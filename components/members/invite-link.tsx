"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/providers/i18n";
import { Button } from "@/components/ui/button";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";

/** The one-time invitation URL; the token is shown only here, right after creating it. */
export function InviteLink({ link, label }: { link: string; label: string }) {
  const t = useT();
  const linkRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard access (plain http, denied permission): select the text so Ctrl+C works.
      const node = linkRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
    }
  }

  return (
    <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3">
      <p className="mb-2 text-xs text-emerald-900">{label}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          ref={linkRef}
          data-testid="invite-link"
          className="min-w-0 flex-1 rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-xs break-all text-slate-800 select-all"
        >
          {link}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
          {copied ? t("common.copied") : t("common.copy")}
        </Button>
      </div>
    </div>
  );
}
