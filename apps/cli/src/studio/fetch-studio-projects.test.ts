import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchStudioProjects } from "./fetch-studio-projects";

// A local HTTP server answering like the studio's GET /api/projects (the e2e auth spec runs the
// command against the real studio); here: headers sent, error mapping, bad answers.
let server: Server;
let url: string;
const seen: { authorization?: string; path?: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ authorization: req.headers.authorization, path: req.url });
    res.setHeader("content-type", "application/json");
    if (req.url === "/studio/api/projects" && req.headers.authorization === "Bearer alc_good") {
      res.end(JSON.stringify({ projects: [{ id: "p1", name: "SMS", description: "", role: "OWNER", createdAt: "2026-11-22T00:00:00.000Z" }] }));
    } else if (req.url === "/studio/api/projects") {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: "sign in first (or send Authorization: Bearer <API token>)", code: "UNAUTHENTICATED" }));
    } else {
      res.setHeader("content-type", "text/html");
      res.end("<html>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/studio`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchStudioProjects", () => {
  it("sends the token as a bearer and returns the projects", async () => {
    const projects = await fetchStudioProjects({ url, token: " alc_good " });
    expect(projects).toEqual([{ id: "p1", name: "SMS", description: "", role: "OWNER", createdAt: "2026-11-22T00:00:00.000Z" }]);
    expect(seen.at(-1)).toEqual({ authorization: "Bearer alc_good", path: "/studio/api/projects" });
  });

  it("names the URL, the status and the studio's message for a bad token", async () => {
    await expect(fetchStudioProjects({ url, token: "alc_bad" })).rejects.toThrow(/api\/projects: HTTP 401: sign in first .*revoked/);
  });

  it("rejects a missing token, a bad URL and a non-studio server clearly", async () => {
    await expect(fetchStudioProjects({ url, token: "" })).rejects.toThrow(/ALCHEMIST_TOKEN/);
    await expect(fetchStudioProjects({ url: "localhost:3000", token: "x" })).rejects.toThrow(/must be http\(s\)|studio's address/);
    await expect(fetchStudioProjects({ url: url.replace("/studio", "/other"), token: "x" })).rejects.toThrow(/not JSON/);
    await expect(fetchStudioProjects({ url: "http://127.0.0.1:1", token: "x" })).rejects.toThrow(/cannot reach the studio/);
  });
});
