import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Static half of the access test (the e2e spec e2e/auth-access.spec.ts is the dynamic half): every
// route handler and server action, found on disk so new ones are checked without editing this
// file, must authorize before it does anything else.

const WEB = join(import.meta.dirname, "..", "..", "..");
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const AUTH_CALLS = new Set(["authorizeProject", "requireUser"]);
/** Endpoints that must work signed out: health probe, better-auth's own endpoints, the sign-in forms. */
const PUBLIC = new Set([
  "app/api/health/route.ts#GET",
  "app/api/auth/[...all]/route.ts#GET",
  "app/api/auth/[...all]/route.ts#POST",
  "features/account/actions.ts#signInAction",
  "features/account/actions.ts#signUpAction",
  "features/auth/actions.ts#signOutAction",
]);

function walk(dir: string, match: (path: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, match, out);
    else if (match(path)) out.push(path);
  }
  return out;
}

interface ExportedFunction {
  readonly name: string;
  readonly body: ts.Node | undefined;
}

function exportedFunctions(file: string): ExportedFunction[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: ExportedFunction[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) out.push({ name: statement.name.text, body: statement.body });
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: d.name.text, body: init.body });
      }
    }
  }
  return out;
}

const BODY_READERS = new Set(["json", "formData", "text"]);
const CHAIN = new Set(["then", "catch", "finally"]);
const calleeName = (call: ts.CallExpression) =>
  ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : "";

/** The name of the first awaited call in source order, skipping `await params` (route context) and body reads. */
function firstAwaitedCall(body: ts.Node): string | null {
  let found: string | null = null;
  const visit = (node: ts.Node): void => {
    if (found !== null) return;
    if (ts.isAwaitExpression(node)) {
      let inner = ts.isParenthesizedExpression(node.expression) ? node.expression.expression : node.expression;
      // `await request.json().catch(...)`: judge the call the promise chain starts from.
      while (
        ts.isCallExpression(inner) &&
        ts.isPropertyAccessExpression(inner.expression) &&
        CHAIN.has(inner.expression.name.text) &&
        ts.isCallExpression(inner.expression.expression)
      ) {
        inner = inner.expression.expression;
      }
      if (ts.isCallExpression(inner)) {
        // Reading the request body to zod-parse it may come first (input parsing, then authorization).
        const receiver = ts.isPropertyAccessExpression(inner.expression) ? inner.expression.expression.getText() : "";
        if (/^(request|req)$/.test(receiver) && BODY_READERS.has(calleeName(inner))) return;
        found = calleeName(inner);
        return;
      }
      if (ts.isIdentifier(inner) && inner.text === "params") return;
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === "params") return;
      found = inner.getText();
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function callsAnywhere(body: ts.Node, names: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && names.has(calleeName(node))) seen.add(calleeName(node));
    ts.forEachChild(node, visit);
  };
  visit(body);
  return seen;
}

/** Throws and awaits (other than `await params`) that come before the first authorizeProject call. */
function workBeforeAuthorize(body: ts.Node): string[] {
  let authorizeAt = Number.POSITIVE_INFINITY;
  const findAuthorize = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && calleeName(node) === "authorizeProject") authorizeAt = Math.min(authorizeAt, node.getStart());
    ts.forEachChild(node, findAuthorize);
  };
  findAuthorize(body);
  const early: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.getStart() >= authorizeAt) return;
    if (ts.isThrowStatement(node)) early.push(node.getText().slice(0, 80));
    if (ts.isAwaitExpression(node) && !/^await\s+(\w+\.)?params$/.test(node.getText()) && !node.getText().includes("authorizeProject"))
      early.push(node.getText().slice(0, 80));
    ts.forEachChild(node, visit);
  };
  visit(body);
  return early;
}

const routes = walk(join(WEB, "src", "app", "api"), (p) => p.endsWith("/route.ts")).sort();
const actionFiles = walk(join(WEB, "src", "features"), (p) => p.endsWith("/actions.ts")).sort();

describe("access: static check of every route handler and server action", () => {
  it("finds the routes and actions it checks", () => {
    expect(routes.map((r) => relative(join(WEB, "src"), r))).toEqual(
      expect.arrayContaining(["app/api/projects/[projectId]/jobs/route.ts", "app/api/projects/route.ts"]),
    );
    expect(actionFiles.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of routes) {
    const rel = relative(join(WEB, "src"), file);
    const handlers = exportedFunctions(file).filter((f) => HTTP_METHODS.has(f.name));
    it(`${rel} exports at least one HTTP method`, () => expect(handlers.length).toBeGreaterThan(0));
    for (const handler of handlers) {
      if (PUBLIC.has(`${rel}#${handler.name}`)) continue;
      it(`${rel} ${handler.name} authorizes before anything else`, () => {
        expect(handler.body, "handler has a body").toBeDefined();
        const first = firstAwaitedCall(handler.body!);
        expect(first, `the first await in ${handler.name} must be authorizeProject(...) or requireUser(...)`).toSatisfy(
          (name: string | null) => name !== null && AUTH_CALLS.has(name),
        );
        // A route under a project must check the project role, not just that someone is signed in,
        // and before it validates anything: the project id is in the URL, and an outsider must get
        // 401/404, never a 400 that tells them about the route's input.
        if (rel.includes("[projectId]")) {
          expect([...callsAnywhere(handler.body!, AUTH_CALLS)]).toContain("authorizeProject");
          expect(workBeforeAuthorize(handler.body!), "nothing may be read, validated or thrown before authorizeProject").toEqual([]);
        }
      });
    }
  }

  for (const file of actionFiles) {
    const rel = relative(join(WEB, "src"), file);
    it(`${rel} is a "use server" module`, () => expect(readFileSync(file, "utf8")).toMatch(/^\s*["']use server["'];/));
    for (const action of exportedFunctions(file)) {
      if (PUBLIC.has(`${rel}#${action.name}`)) continue;
      it(`${rel} ${action.name} authorizes before anything else`, () => {
        expect(action.body, "action has a body").toBeDefined();
        const first = firstAwaitedCall(action.body!);
        expect(first, `the first await in ${action.name} must be authorizeProject(...) or requireUser(...)`).toSatisfy(
          (name: string | null) => name !== null && AUTH_CALLS.has(name),
        );
      });
    }
  }
});
