import { describe, expect, it } from "vitest";
import { emailText } from "./email-text";

describe("emailText", () => {
  it("keeps the subject and a readable body, dropping routing headers, HTML, base64 and MIME part headers", () => {
    const raw = [
      "Received: from mx.example.com by relay",
      "Subject: Earn $$$ from",
      "  home today",
      "From: promo@example.com",
      "",
      "--==_boundary_1234567890",
      "Content-Type: text/html; charset=us-ascii",
      "<html><style>p{color:red}</style><p>Click&nbsp;here &amp; win=",
      "ners!</p></html>",
      "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3",
    ].join("\r\n");
    expect(emailText(raw)).toBe("Earn $$$ from home today\n\nClick here & winners!");
  });

  it("handles a message without a body", () => {
    expect(emailText("Subject: hi")).toBe("hi\n\n");
  });
});
