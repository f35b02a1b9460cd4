import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { authorizeProject } from "@/features/auth";
import { openDatasetImage } from "@/features/images";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

const Params = z.object({ index: z.coerce.number().int().min(0).max(100_000_000), size: z.enum(["thumbnail", "full"]).default("thumbnail") });

/** GET one picture of an image dataset: `?size=thumbnail` (128 px WebP, default) or `full` (the uploaded bytes). Readers of the project only. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string; datasetId: string; index: string }> }): Promise<Response> {
  const { projectId, datasetId, index } = await params;
  try {
    await authorizeProject(projectId, "read");
    const query = Params.safeParse({ index, size: new URL(request.url).searchParams.get("size") ?? undefined });
    if (!query.success) throw new AppError("BAD_REQUEST", formatZodIssues(query.error));
    const image = await openDatasetImage(projectId, datasetId, query.data.index, query.data.size);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "content-type": image.mime,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
