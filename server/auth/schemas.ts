import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "validation.tooLong" })
  .pipe(z.email({ message: "validation.email" }))
  .describe("Email address, case-insensitive");

export const ZPassword = z
  .string()
  .min(8, { message: "validation.tooShort" })
  .max(200, { message: "validation.tooLong" })
  .describe("At least 8 characters");

export const ZPersonName = z
  .string()
  .trim()
  .min(1, { message: "validation.required" })
  .max(100, { message: "validation.tooLong" })
  .describe("Display name");
