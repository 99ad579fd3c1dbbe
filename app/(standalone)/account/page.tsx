import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/session";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/ui/card";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("auth.account") };
}

export default async function AccountPage() {
  const [user, { t }] = await Promise.all([requireUser("/account"), getServerT()]);
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("auth.account")} description={t("auth.signedInAs", { email: user.email })} />
      <ChangePasswordForm email={user.email} />
    </div>
  );
}
