"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { EmptyState } from "@/components/inbox/empty-state";
import { ChatIcon } from "@/components/inbox/inbox-icons";
import { Textarea } from "@/components/knowledge/textarea";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ProviderLabel } from "./provider-label";
import { ReplyFacts } from "./reply-facts";
import { SourcesList } from "./sources-list";
import type { PlaygroundAnswer } from "./types";

const MAX_QUESTION = 5_000;

function Answer({ answer }: { answer: PlaygroundAnswer }) {
  const t = useT();
  const tenant = useCurrentTenant();
  return (
    <div className="space-y-4">
      {answer.handoff ? (
        <Alert
          tone="warning"
          title={t("ai.ui.playground.handoff")}
          action={
            <Link href={`/t/${tenant.slug}/knowledge`} className="text-sm font-medium underline">
              {t("ai.ui.playground.goToKnowledge")}
            </Link>
          }
        >
          {t("ai.ui.playground.handoffBody")}
        </Alert>
      ) : (
        <section aria-labelledby="playground-answer-heading" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="playground-answer-heading" className="text-sm font-semibold text-slate-900">
              {t("ai.ui.playground.answer")}
            </h3>
            <ProviderLabel provider={answer.provider} model={answer.model} tier={answer.tier} />
          </div>
          <p className="rounded-2xl rounded-tr-md bg-brand-600 px-4 py-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-white">{answer.text}</p>
        </section>
      )}
      {!answer.handoff && <SourcesList sources={answer.sources} />}
      <ReplyFacts facts={answer} />
    </div>
  );
}

/** A buyer's question answered exactly as the engine would in the inbox; nothing is sent. */
export function Playground() {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [question, setQuestion] = useState("");
  // The answer streams in: pieces of text while the model writes, then the finished reply.
  const [streamed, setStreamed] = useState("");
  const ask = useMutation(
    trpc.ai.playground.mutationOptions({
      onMutate: () => setStreamed(""),
      onError: (error) => formError.fromError(error),
    }),
  );
  const [answer, setAnswer] = useState<PlaygroundAnswer | null>(null);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!question.trim() || writing) return;
    formError.clear();
    setAnswer(null);
    ask.mutate(
      { tenantSlug: tenant.slug, question },
      {
        onSuccess: async (events) => {
          try {
            for await (const event of events) {
              if (event.type === "text") setStreamed((text) => text + event.delta);
              else setAnswer(event);
            }
          } catch (error) {
            formError.fromError(error);
          }
        },
      },
    );
  }

  // The mutation settles when the stream opens; the answer is complete when its last event arrives.
  const writing = ask.isPending || (ask.isSuccess && !answer && !formError.message);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <CardSection title={t("ai.ui.playground.title")} description={t("ai.ui.playground.intro")} headingId="playground-heading">
      <div className="grid gap-6 lg:grid-cols-5">
        <form onSubmit={submit} noValidate aria-labelledby="playground-heading" className="space-y-3 lg:col-span-2">
          <Field label={t("ai.ui.playground.label")} errors={formError.fieldError("question")}>
            {(control) => (
              <Textarea
                {...control}
                name="question"
                rows={4}
                maxLength={MAX_QUESTION}
                placeholder={t("ai.ui.playground.placeholder")}
                value={question}
                onChange={(event) => setQuestion(event.target.value)}
                onKeyDown={onKeyDown}
              />
            )}
          </Field>
          {formError.message && <Alert tone="error">{formError.message}</Alert>}
          <div className="flex items-center justify-end gap-3">
            <span className="hidden text-xs text-slate-400 sm:inline">{t("inbox.reply.sendHint")}</span>
            <Button type="submit" disabled={!question.trim()} loading={writing} loadingText={t("ai.ui.playground.asking")}>
              {t("ai.ui.playground.submit")}
            </Button>
          </div>
        </form>
        <div className="min-w-0 lg:col-span-3">
          <p aria-live="polite" className="sr-only">
            {writing ? t("ai.ui.playground.asking") : answer ? (answer.handoff ? t("ai.ui.playground.handoff") : t("ai.ui.playground.answer")) : ""}
          </p>
          {answer ? (
            <Answer answer={answer} />
          ) : writing && streamed ? (
            <p data-testid="playground-streaming" className="rounded-2xl rounded-tr-md bg-brand-600/80 px-4 py-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-white">
              {streamed}
            </p>
          ) : (
            <EmptyState icon={<ChatIcon className="size-6" />} title={t("ai.ui.playground.title")} body={t("ai.ui.playground.idle")} className="h-full rounded-lg border border-dashed border-slate-200 py-10" />
          )}
        </div>
      </div>
    </CardSection>
  );
}
