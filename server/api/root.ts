import { createCallerFactory, createRouter } from "./trpc";
import { authRouter } from "@/server/auth/router";
import { tenantsRouter } from "@/server/tenants/router";
import { inboxRouter } from "@/server/inbox/router";
import { knowledgeBaseRouter } from "@/server/knowledge/router";
import { billingRouter } from "@/server/billing/router";
import { platformRouter } from "@/server/platform/router";
import { aiRouter } from "@/server/ai/router";
import { notificationsRouter } from "@/server/notifications/router";

export const appRouter = createRouter({
  auth: authRouter,
  tenants: tenantsRouter,
  inbox: inboxRouter,
  knowledgeBase: knowledgeBaseRouter,
  billing: billingRouter,
  ai: aiRouter,
  notifications: notificationsRouter,
  platform: platformRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
