"use client";

export { ForbiddenView as default } from "@/features/shell/client";
