"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function LeaveTenant() {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const [confirming, setConfirming] = useState(false);
  const leave = useMutation(
    trpc.tenants.leave.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.tenants.listMine.queryKey() });
        // "/" picks the next company the user still belongs to (or offers to create one).
        router.replace("/");
      },
    }),
  );

  return (
    <CardSection title={t("members.leave")} description={t("members.leaveIntro")}>
      <Button
        variant="danger-secondary"
        onClick={() => {
          leave.reset();
          setConfirming(true);
        }}
      >
        {t("members.leave")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t("members.confirmLeave")}
        body={t("members.leaveBody")}
        confirmLabel={t("members.leave")}
        pendingLabel={t("members.leaving")}
        pending={leave.isPending || leave.isSuccess}
        error={leave.error}
        onConfirm={() => leave.mutate({ tenantSlug: tenant.slug })}
        onClose={() => setConfirming(false)}
      />
    </CardSection>
  );
}
