import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppShell } from "@/features/shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Alchemist Studio", template: "%s · Alchemist Studio" },
  description: "Label datasets with LLM-written labeling programs and weak supervision.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppShell>{children}</AppShell>
      </body>
    </html>
  );
}
