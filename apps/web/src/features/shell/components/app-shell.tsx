import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/features/auth";

/**
 * Page chrome shared by every studio page: top bar with the product name and main navigation.
 *
 * @example
 * <AppShell><ProjectsPage /></AppShell>
 */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-8 px-6">
          <Link href="/projects" prefetch={false} className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
              A
            </span>
            Alchemist Studio
          </Link>
          <nav className="text-sm text-slate-600">
            <Link href="/projects" prefetch={false} className="hover:text-slate-900">
              Projects
            </Link>
          </nav>
          <div className="ml-auto">
            <UserMenu />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
