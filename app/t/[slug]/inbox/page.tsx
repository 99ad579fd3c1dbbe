import type { Metadata } from "next";
import { Suspense } from "react";
import { InboxWorkspace } from "@/components/inbox/inbox-workspace";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("nav.inbox") };
}

export default function InboxPage() {
  return (
    <Suspense>
      <InboxWorkspace />
    </Suspense>
  );
}
