import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { KnowledgePage } from "@/components/knowledge/knowledge-page";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("knowledge.title") };
}

export default async function KnowledgeBasePage() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("knowledge.title")} description={t("knowledge.intro")} />
      <KnowledgePage />
    </>
  );
}
