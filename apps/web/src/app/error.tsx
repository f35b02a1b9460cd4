"use client";

export { ErrorView as default } from "@/features/shell/client";
