import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataObject, formInput, handleRows, lines, many, optionalText, text } from "@/lib/schemas/form-data.ts";
import { CORRECT_THE_FIELDS, NOT_A_FORM_MESSAGE, flattenValidationErrors, toFormResult } from "@/lib/schemas/form-result.ts";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("a submitted form read by its field names", () => {
  it("dotted names become nested objects, numeric segments arrays in index order", () => {
    expect(
      formDataObject(
        form([
          ["subject.handle", "noorh"],
          ["subject.space", "github"],
          ["involved.1.handle", "b"],
          ["involved.0.handle", "a"],
          ["involved.0.space", "slack"],
          ["description", "text"],
        ]),
      ),
    ).toEqual({
      subject: { handle: "noorh", space: "github" },
      involved: [{ handle: "a", space: "slack" }, { handle: "b" }],
      description: "text",
    });
  });

  it("a name sent more than once, or ending in [], is an array; one value of a repeated name stays a string", () => {
    expect(
      formDataObject(
        form([
          ["standards", "a"],
          ["standards", "b"],
          ["team[]", "u1"],
          ["status", "closed"],
        ]),
      ),
    ).toEqual({
      standards: ["a", "b"],
      team: ["u1"],
      status: "closed",
    });
  });

  it("React's own fields, files, empty segments and names that reach for the prototype are left out", () => {
    const f = form([
      ["$ACTION_ID_abc", "x"],
      ["__proto__.polluted", "yes"],
      ["constructor.prototype.x", "yes"],
      ["a..b", "x"],
      ["ok", "1"],
    ]);
    f.append("file", new Blob(["data"]), "a.txt");
    const read = formDataObject(f);
    expect(read).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a name nested deeper or longer than any form's field is left out (a hand-made name cannot cost recursion)", () => {
    const deep = Array.from({ length: 100_000 }, () => "a").join(".");
    expect(
      formDataObject(
        form([
          [deep, "x"],
          ["a.b.c.d.e.f", "kept"],
          ["a.b.c.d.e.f.g", "dropped"],
          ["n".repeat(121), "x"],
        ]),
      ),
    ).toEqual({
      a: { b: { c: { d: { e: { f: "kept" } } } } },
    });
  });

  it("gaps in indices are closed, so rows stay in order", () => {
    expect(
      formDataObject(
        form([
          ["rows.7.x", "b"],
          ["rows.2.x", "a"],
        ]),
      ),
    ).toEqual({ rows: [{ x: "a" }, { x: "b" }] });
  });
});

describe("form input schemas", () => {
  const schema = formInput(
    z.object({
      caseId: text,
      note: optionalText,
      standards: many,
      evidence: lines,
      involved: handleRows,
      reason: z.string().min(1, "Say why"),
    }),
  );

  it("refuse anything that is not a form, with the form's own message", () => {
    for (const input of ["a string", 42, null, undefined, { caseId: "x" }]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(NOT_A_FORM_MESSAGE);
    }
  });

  it("shape the form: blank optional text is absent, a lone checkbox value is a list, evidence is one link per line, blank rows are dropped", () => {
    const parsed = schema.parse(
      form([
        ["note", "   "],
        ["standards", "harassment"],
        ["evidence", " https://a.example \r\n\r\nhttps://b.example"],
        ["involved.0.space", "github"],
        ["involved.0.handle", ""],
        ["involved.1.space", "slack"],
        ["involved.1.handle", "U1"],
        ["reason", "because"],
      ]),
    );
    expect(parsed).toEqual({
      caseId: "",
      note: undefined,
      standards: ["harassment"],
      evidence: ["https://a.example", "https://b.example"],
      involved: [{ space: "slack", handle: "U1" }],
      reason: "because",
    });
  });

  it("a field error carries the field's path, which is also its name in the form", () => {
    const result = schema.safeParse(form([]));
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
  });
});

describe("the answer a form reads", () => {
  it("nested validation errors become one message per dotted path", () => {
    expect(
      flattenValidationErrors({
        _errors: [],
        subject: { _errors: [], handle: { _errors: ["Enter a handle", "second"] } },
        involved: { 0: { space: { _errors: ["Choose"] } } },
      }),
    ).toEqual({ "subject.handle": "Enter a handle", "involved.0.space": "Choose" });
  });

  it("success, a message, data, a refusal with fields, and field errors from the schema each read as one FormResult", () => {
    expect(toFormResult({ data: undefined })).toEqual({ ok: true });
    expect(toFormResult({ data: "Note added" })).toEqual({ ok: true, message: "Note added" });
    expect(toFormResult({ data: { message: "Enabled", data: { codes: ["a"] } } })).toEqual({
      ok: true,
      message: "Enabled",
      data: { codes: ["a"] },
    });
    expect(toFormResult({ serverError: { message: "Refused", fields: { reason: "Say why" } } })).toEqual({
      ok: false,
      message: "Refused",
      fields: { reason: "Say why" },
    });
    expect(toFormResult({ validationErrors: { reason: { _errors: ["Say why"] } } })).toEqual({
      ok: false,
      message: CORRECT_THE_FIELDS,
      fields: { reason: "Say why" },
    });
    expect(toFormResult({ validationErrors: { _errors: [NOT_A_FORM_MESSAGE] } })).toEqual({
      ok: false,
      message: NOT_A_FORM_MESSAGE,
      fields: { _: NOT_A_FORM_MESSAGE },
    });
    expect(toFormResult(undefined).ok).toBe(false);
  });
});
