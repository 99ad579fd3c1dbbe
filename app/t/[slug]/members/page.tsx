import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { MembersPage } from "@/components/members/members-page";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("members.title") };
}

export default async function TeamPage() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("members.title")} />
      <MembersPage />
    </>
  );
}
