import { checkHealth } from "@/features/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  // Liveness: the process answers 200; `db` tells readiness apart without failing the probe.
  return Response.json(health);
}
