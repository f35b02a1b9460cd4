import type { NextConfig } from "next";

/**
 * Workspace packages ship TypeScript sources, so Next transpiles them. Packages with native
 * bindings, WASM or dynamic requires stay outside the server bundle and load from node_modules.
 */
const nextConfig: NextConfig = {
  transpilePackages: ["@alchemist/engine", "@alchemist/db", "@alchemist/jobs"],
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "pyodide"],
  typedRoutes: false,
  poweredByHeader: false,
  // forbidden() (a role too low for a page) renders app/forbidden.tsx with HTTP 403; without it the
  // refusal would be an error thrown into the error boundary (a 500).
  experimental: { authInterrupts: true },
};

export default nextConfig;
