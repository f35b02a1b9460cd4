import { describe, expect, it } from "vitest";
import { invitationTokenOf } from "./invite-path";

describe("invitationTokenOf", () => {
  it("finds the token of an invitation path only", () => {
    const token = "A".repeat(43);
    expect(invitationTokenOf(`/invite/${token}`)).toBe(token);
    expect(invitationTokenOf("/projects")).toBeNull();
    expect(invitationTokenOf(`/invite/${token}/x`)).toBeNull();
    expect(invitationTokenOf("/invite/short")).toBeNull();
    expect(invitationTokenOf(`/invite/${token}?a=1`)).toBeNull();
  });
});
