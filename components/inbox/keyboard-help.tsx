"use client";

import { Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useT } from "@/components/providers/i18n";
import { Button } from "@/components/ui/button";
import type { MessageKey } from "@/lib/i18n/messages";

const SHORTCUTS: readonly (readonly [string[], MessageKey])[] = [
  [["J"], "inbox.shortcuts.next"],
  [["K"], "inbox.shortcuts.previous"],
  [["E"], "inbox.shortcuts.resolve"],
  [["R"], "inbox.shortcuts.reply"],
  [["/"], "inbox.shortcuts.search"],
  [["Ctrl", "Enter"], "inbox.shortcuts.send"],
  [["?"], "inbox.shortcuts.help"],
];

function Key({ children }: { children: string }) {
  return (
    <kbd className="inline-flex min-w-6 items-center justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs font-medium text-slate-700 shadow-[0_1px_0_0_rgb(203_213_225)]">
      {children}
    </kbd>
  );
}

export function KeyboardHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={open} onClose={onClose} className="relative z-50">
      <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-150 data-closed:opacity-0" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel
          transition
          className="w-full max-w-sm rounded-xl bg-white p-6 shadow-xl transition duration-150 data-closed:scale-95 data-closed:opacity-0"
        >
          <DialogTitle className="text-lg font-semibold text-slate-900">{t("inbox.shortcuts.title")}</DialogTitle>
          <dl className="mt-4 space-y-2">
            {SHORTCUTS.map(([keys, label]) => (
              <div key={label} className="flex items-center justify-between gap-4 text-sm">
                <dt className="text-slate-700">{t(label)}</dt>
                <dd className="flex gap-1">
                  {keys.map((key) => (
                    <Key key={key}>{key}</Key>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-6 flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              {t("common.close")}
            </Button>
          </div>
        </DialogPanel>
      </div>
    </Dialog>
  );
}
