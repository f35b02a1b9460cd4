import type { Metadata } from "next";
import { ProjectsPage } from "@/features/projects";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Projects" };

export default ProjectsPage;
