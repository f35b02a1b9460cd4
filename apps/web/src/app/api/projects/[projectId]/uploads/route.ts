import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { UploadEncoding } from "@alchemist/jobs";
import { saveUpload } from "@/features/datasets";
import { authorizeProject } from "@/features/auth";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

const Query = z.object({
  fileName: z.string().trim().min(1, "fileName is required").max(255),
  encoding: UploadEncoding.default("auto"),
  header: z.enum(["true", "false"]).default("true"),
});

/** POST the raw file as the body, `?fileName=sms.csv[&encoding=latin1][&header=false]`; answers the preview JSON. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  const search = new URL(request.url).searchParams;
  const length = request.headers.get("content-length");
  try {
    const actor = await authorizeProject(projectId, "edit");
    const query = Query.safeParse({
      fileName: search.get("fileName") ?? "",
      encoding: search.get("encoding") ?? undefined,
      header: search.get("header") ?? undefined,
    });
    if (!query.success) throw new AppError("BAD_REQUEST", formatZodIssues(query.error));
    return Response.json(
      await saveUpload(
        projectId,
        query.data.fileName,
        request.body,
        length ? Number(length) : null,
        actor.userId,
        query.data.encoding,
        query.data.header === "true",
      ),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
