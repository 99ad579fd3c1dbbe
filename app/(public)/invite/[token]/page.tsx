import type { Metadata } from "next";
import { currentUser } from "@/app/_lib/session";
import { InvitationView } from "@/components/invitations/invitation-view";
import { getServerT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("invitation.accept") };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, user] = await Promise.all([params, currentUser()]);
  return <InvitationView token={token} signedInEmail={user?.email ?? null} />;
}
