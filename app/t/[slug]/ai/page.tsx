import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AiPage } from "@/components/ai/ai-page";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("nav.ai") };
}

export default async function AiAssistantPage() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("nav.ai")} description={t("ai.ui.intro")} />
      <AiPage />
    </>
  );
}
