import type { Metadata } from "next";
import type { ReactNode } from "react";
import { projectMetadata } from "@/features/shell";

export async function generateMetadata({ params }: { params: Promise<{ projectId: string }> }): Promise<Metadata> {
  return projectMetadata((await params).projectId);
}

export default function ProjectLayout({ children }: { children: ReactNode }) {
  return children;
}
