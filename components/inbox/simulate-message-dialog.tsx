"use client";

import { useId, useState, type FormEvent } from "react";
import { Description, Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { useInboxRefresh } from "./use-inbox-refresh";

/** Questions a new seller can send with one click, to see the assistant answer, draft and hand off. */
const SAMPLES = ["inbox.simulate.sample1", "inbox.simulate.sample2", "inbox.simulate.sample3", "inbox.simulate.sample4"] as const;

export interface SimulationTarget {
  id: string;
  number: number;
  buyer: string;
}

/**
 * The demo channel's stand-in for a buyer: the message goes through the same ingest
 * path as a marketplace poll, so the inbox reacts exactly as it would for real.
 */
export function SimulateMessageDialog({
  open,
  channelAccountId,
  current,
  onClose,
  onDone,
}: {
  open: boolean;
  channelAccountId: string;
  /** The open conversation, when it belongs to the demo channel. */
  current: SimulationTarget | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const refresh = useInboxRefresh();
  const formError = useFormError();
  const checkboxId = useId();
  const [buyerName, setBuyerName] = useState("kupujacy_demo");
  const [text, setText] = useState("");
  const [inCurrent, setInCurrent] = useState(false);
  const useCurrent = inCurrent && current !== null;

  const simulate = useMutation(
    trpc.inbox.simulateIncoming.mutationOptions({
      onSuccess: async (result) => {
        setText("");
        await refresh();
        onDone(t("inbox.simulate.done", { number: result.number }));
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    simulate.mutate({
      tenantSlug: tenant.slug,
      channelAccountId,
      conversationId: useCurrent ? current.id : undefined,
      buyerName: buyerName.trim() || undefined,
      text,
    });
  }

  return (
    <Dialog open={open} onClose={() => !simulate.isPending && onClose()} className="relative z-50">
      <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-150 data-closed:opacity-0" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel
          transition
          className="w-full max-w-lg rounded-xl bg-white p-6 shadow-xl transition duration-150 data-closed:scale-95 data-closed:opacity-0"
        >
          <DialogTitle className="text-lg font-semibold text-slate-900">{t("inbox.simulate.title")}</DialogTitle>
          <Description className="mt-1 text-sm text-slate-600">{t("inbox.simulate.intro")}</Description>
          <form onSubmit={submit} noValidate className="mt-5 space-y-4">
            {formError.message && <Alert tone="error">{formError.message}</Alert>}
            {current && (
              <div className="flex items-start gap-2">
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={inCurrent}
                  onChange={(event) => setInCurrent(event.target.checked)}
                  className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
                />
                <label htmlFor={checkboxId} className="text-sm text-slate-800">
                  {t("inbox.simulate.inCurrent", { number: current.number, name: current.buyer })}
                </label>
              </div>
            )}
            {!useCurrent && (
              <TextField
                label={t("inbox.simulate.buyerName")}
                name="buyerName"
                autoComplete="off"
                maxLength={60}
                value={buyerName}
                onChange={(event) => setBuyerName(event.target.value)}
                errors={formError.fieldError("buyerName")}
              />
            )}
            <Field label={t("inbox.simulate.text")} errors={formError.fieldError("text")}>
              {({ invalid, ...control }) => (
                <textarea
                  {...control}
                  name="text"
                  rows={4}
                  required
                  autoFocus
                  maxLength={5000}
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                  className={`block w-full rounded-lg border px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 ${invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 focus:outline-brand-500"}`}
                />
              )}
            </Field>
            <div role="group" aria-label={t("inbox.simulate.samples")} className="flex flex-wrap gap-2">
              {SAMPLES.map((key) => (
                <button
                  key={key}
                  type="button"
                  onClick={() => setText(t(key))}
                  className="cursor-pointer rounded-full border border-slate-200 bg-slate-50 px-3 py-1 text-left text-xs text-slate-700 hover:border-brand-300 hover:bg-brand-50"
                >
                  {t(key)}
                </button>
              ))}
            </div>
            <div className="flex flex-col-reverse gap-2 pt-1 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={onClose} disabled={simulate.isPending}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={simulate.isPending} loadingText={t("inbox.simulate.submitting")}>
                {t("inbox.simulate.submit")}
              </Button>
            </div>
          </form>
        </DialogPanel>
      </div>
    </Dialog>
  );
}
