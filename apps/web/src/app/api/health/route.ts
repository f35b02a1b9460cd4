import { checkHealth } from "@/features/health/server/check-health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  // Liveness: the process answers 200; `db` tells readiness apart without failing the probe.
  return Response.json(health);
}
