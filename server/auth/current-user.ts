import "server-only";
import { cache } from "react";
import { getSessionUser } from "./next-auth";

/** One session lookup per request, shared by the layouts, pages and the UI language. */
export const currentSessionUser = cache(getSessionUser);
