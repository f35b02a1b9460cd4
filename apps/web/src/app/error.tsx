"use client";

export { ErrorView as default } from "@/features/shell/components/error-view";
