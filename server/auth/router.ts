import { z } from "zod";
import { authedProcedure, createRouter, publicProcedure } from "@/server/api/trpc";
import { ZTenantName, ZTenantSlug } from "@/server/tenants/schemas";
import { changePassword, setAccountLocale, signUp } from "./account-service";
import { ZEmail, ZPassword, ZPersonName } from "./schemas";

export const ZSignUpInput = z.object({
  email: ZEmail,
  name: ZPersonName,
  password: ZPassword,
  shopName: ZTenantName,
  slug: ZTenantSlug.optional(),
  locale: z.enum(["pl", "en"]).optional(),
});

export const authRouter = createRouter({
  /** Creates user + tenant + owner membership; the client then signs in through next-auth. */
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    const { tenant } = await signUp(ctx.db, input);
    return { tenantSlug: tenant.slug };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** The member's UI language, kept with the account (every device they sign in on). */
  setLocale: authedProcedure
    .input(z.object({ locale: z.enum(["pl", "en"]) }))
    .mutation(({ ctx, input }) => setAccountLocale(ctx.db, ctx.user.id, input.locale)),

  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: ZPassword }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user.id, input)),
});
