import type { ReactNode } from "react";
import { Card, PageHeader } from "@/components/ui/card";

/** Honest placeholder for a section that is not built yet: says what will be here. */
export function ComingSoon({
  title,
  heading,
  body,
  note,
  icon,
}: {
  title: string;
  heading: string;
  body: string;
  note: string;
  icon: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} />
      <Card className="px-6 py-12 text-center sm:px-12">
        <div className="mx-auto flex size-14 items-center justify-center rounded-2xl bg-brand-50 text-brand-600">{icon}</div>
        <h2 className="mt-5 text-lg font-semibold text-slate-900">{heading}</h2>
        <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600">{body}</p>
        <p className="mx-auto mt-6 max-w-lg text-xs text-slate-500">{note}</p>
      </Card>
    </>
  );
}
