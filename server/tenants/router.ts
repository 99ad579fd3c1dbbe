import {
  authedProcedure,
  createRouter,
  publicProcedure,
  tenantAdminProcedure,
  tenantMemberProcedure,
} from "@/server/api/trpc";
import {
  ZChangeRoleInput,
  ZCreateTenantInput,
  ZInvitationIdInput,
  ZInvitationTokenInput,
  ZInviteInput,
  ZMembershipIdInput,
  ZUpdateTenantSettingsInput,
} from "./schemas";
import { createTenant, getTenant, listTenantsForUser, updateTenantSettings } from "./tenant-service";
import { changeMemberRole, leaveTenant, listMembers, removeMember } from "./member-service";
import { getOnboardingSteps } from "./onboarding-service";
import {
  acceptInvitation,
  inviteMember,
  listPendingInvitations,
  previewInvitation,
  revokeInvitation,
} from "./invitation-service";

export const tenantsRouter = createRouter({
  create: authedProcedure
    .input(ZCreateTenantInput)
    .mutation(({ ctx, input }) => createTenant(ctx.db, ctx.user.id, input)),

  /** The tenants the signed-in user belongs to (the tenant switcher). */
  listMine: authedProcedure.query(({ ctx }) => listTenantsForUser(ctx.userDb, ctx.user.id)),

  current: tenantMemberProcedure.query(async ({ ctx }) => ({
    ...(await getTenant(ctx.tenantDb, ctx.tenant.id)),
    role: ctx.role,
  })),

  updateSettings: tenantAdminProcedure
    .input(ZUpdateTenantSettingsInput)
    .mutation(({ ctx, input: { tenantSlug: _slug, ...settings } }) =>
      updateTenantSettings(ctx.tenantDb, ctx.tenant.id, settings),
    ),

  /** The first-steps checklist a new company sees until it has done them. */
  onboarding: tenantMemberProcedure.query(({ ctx }) => getOnboardingSteps(ctx.tenantDb)),

  members: tenantMemberProcedure.query(({ ctx }) => listMembers(ctx.tenantDb)),

  invitations: tenantAdminProcedure.query(({ ctx }) => listPendingInvitations(ctx.tenantDb)),

  invite: tenantAdminProcedure
    .input(ZInviteInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.tenantDb, ctx.tenant.id, ctx.actor, input)),

  revokeInvite: tenantAdminProcedure
    .input(ZInvitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tenantDb, ctx.actor, input.invitationId)),

  /** Public so the invitation page can say what the link is for before signing in. */
  previewInvite: publicProcedure
    .input(ZInvitationTokenInput)
    .query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),

  acceptInvite: authedProcedure
    .input(ZInvitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user, input.token)),

  changeRole: tenantAdminProcedure
    .input(ZChangeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.tenantDb, ctx.actor, input.membershipId, input.role)),

  removeMember: tenantAdminProcedure
    .input(ZMembershipIdInput)
    .mutation(({ ctx, input }) => removeMember(ctx.tenantDb, ctx.actor, input.membershipId)),

  leave: tenantMemberProcedure.mutation(({ ctx }) => leaveTenant(ctx.tenantDb, ctx.actor)),
});
