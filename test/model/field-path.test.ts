import { describe, expect, it } from "vitest";
import { errorAtInput, fieldPath, TenureErrors } from "tenure";

describe("field paths: dot-separated, numeric indices, relative to the input", () => {
  it("joins a prefix and a field, the empty field naming the prefix itself", () => {
    expect(fieldPath("changes", "fullName")).toBe("changes.fullName");
    expect(fieldPath("userIds", 3)).toBe("userIds.3");
    expect(fieldPath("user", "")).toBe("user");
    expect(fieldPath("", "email")).toBe("email");
  });

  it("moves a core rule's fields onto the command's input, and leaves other errors alone", () => {
    const core = TenureErrors.validation([
      { severity: "error", field: "accessExpiresAt", code: "expiry_beyond_maximum", message: "too late" },
      { severity: "warning", field: "fullName", code: "full_name_duplicate", message: "taken" },
    ]);
    const moved = errorAtInput(core, (field) => fieldPath("changes", field));
    expect(moved).toMatchObject({ code: "validation", field: "changes.accessExpiresAt" });
    expect(moved.code === "validation" && moved.issues.map((issue) => issue.field)).toEqual(["changes.accessExpiresAt", "changes.fullName"]);
    const missing = TenureErrors.notFound("user", "usr_1");
    expect(errorAtInput(missing, () => "x")).toBe(missing);
  });
});
