import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type Diagnostic, type ValidationError } from "../model/tenure-error.js";
import { parseTemplate, type TemplateNode } from "../model/template-syntax.js";
import { escapeHtml, sanitizeBodyValue, sanitizeHeaderValue, truncateOutside } from "./_internal/sanitize.js";
import type { MailTemplate, MailValue } from "../model/mail-template.js";

/** Longest rendered subject: the line limit of RFC 5322. Longer subjects are cut. */
export const RENDERED_SUBJECT_MAX = 998;

/** A rendered mail, ready for {@link composeOutboxMail}. */
export interface RenderedMail {
  /** One line: no CR, LF or other control character. */
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /**
   * The values of the `secretVariables` exactly as they were inserted (each distinct form once: as in the
   * subject, the text and the HTML, where escaping changed it), for the outbox to redact after delivery.
   * Present when `renderMail` was given `secretVariables` (empty if none of them was used).
   */
  readonly secrets?: readonly string[];
}

/** The options of {@link renderMail}. */
export interface RenderMailOptions {
  /** Formats a Date variable; the default is ISO 8601 (`2026-01-31T09:00:00.000Z`). */
  readonly formatDate?: (date: Date, variable: string) => string;
  /**
   * Variables whose values are secrets (e.g. `SECRET_MAIL_VARIABLES.invitation`, the accept link):
   * their inserted forms are listed in `RenderedMail.secrets`, and a subject cut at
   * {@link RENDERED_SUBJECT_MAX} is cut before such a value rather than through it.
   */
  readonly secretVariables?: readonly string[];
}

type Part = "subject" | "text" | "html";

/**
 * Renders a template with the given variables, safely for each part:
 * - **subject** (a header): every CR, LF, other control character and Unicode line separator — of a
 *   value or of the template — becomes a space, so a name such as `"Ann\r\nBcc: x@evil.test"` cannot
 *   add a header; the result is cut at {@link RENDERED_SUBJECT_MAX} characters;
 * - **html**: values are HTML-escaped (`& < > " '`), after control characters are removed as in text;
 * - **text**: values go in as they are, except control characters other than `\n` and `\t` (CR LF becomes LF).
 *
 * `{{name}}` needs a value (`null`/`undefined` count as missing: a `validation` error naming every
 * missing variable). `{{#name}}…{{/name}}` is rendered only when `name` is a non-blank string, a number
 * or a Date; nothing inside a skipped section needs a value. Dates are ISO 8601 unless `formatDate` is given.
 * Returns a `validation` error, never throws, for syntax errors (unbalanced sections, stray `{{`),
 * missing variables and invalid Dates.
 *
 * @example
 * ```ts
 * const rendered = renderMail(DEFAULT_MAIL_TEMPLATES.invitation, {
 *   recipientName: "Ann Lee",
 *   organizationName: "Acme",
 *   inviterName: "Bob <admin>",
 *   link: "https://app.example/accept?token=…",
 *   expiresAt: new Date("2026-02-01T00:00:00Z"),
 *   personalMessage: null, // the optional section is left out
 * });
 * // rendered.value.subject === "Bob <admin> invited you to Acme"
 * // rendered.value.html contains "Bob &lt;admin&gt;"
 * ```
 */
export function renderMail<Variables extends { readonly [K in keyof Variables]: MailValue }>(
  template: MailTemplate,
  variables: Variables,
  options: RenderMailOptions = {},
): Result<RenderedMail, ValidationError> {
  const values: Readonly<Record<string, MailValue>> = variables;
  const formatDate = options.formatDate ?? ((date: Date) => date.toISOString());
  const secretNames = new Set(options.secretVariables ?? []);
  const secrets = new Set<string>();
  const issues: Diagnostic[] = [];
  const reported = new Set<string>();
  const report = (key: string, issue: Diagnostic): void => {
    if (reported.has(key)) return;
    reported.add(key);
    issues.push(issue);
  };

  const valueOf = (name: string, part: Part): string | null => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === null || value === undefined) {
      report(`missing:${name}`, {
        severity: "error",
        field: `variables.${name}`,
        code: "missing_variable",
        message: `the template uses {{${name}}} (in the ${part}) but no value was given`,
      });
      return null;
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) {
        report(`date:${name}`, { severity: "error", field: `variables.${name}`, code: "invalid_date", message: `{{${name}}} is an invalid Date` });
        return null;
      }
      return formatDate(value, name);
    }
    if (typeof value === "string" || typeof value === "number") return String(value);
    report(`type:${name}`, {
      severity: "error",
      field: `variables.${name}`,
      code: "invalid_variable",
      message: `{{${name}}} must be a string, a number or a Date`,
    });
    return null;
  };

  const isShown = (name: string): boolean => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value === "string") return value.trim() !== "";
    if (typeof value === "number") return true;
    return value instanceof Date && !Number.isNaN(value.getTime());
  };

  const escapeFor: Record<Part, (value: string) => string> = {
    subject: sanitizeHeaderValue,
    text: sanitizeBodyValue,
    html: (value) => escapeHtml(sanitizeBodyValue(value)),
  };

  /** Appends the rendering of `nodes` to `sink`, noting where each secret value went. */
  const renderNodes = (nodes: readonly TemplateNode[], part: Part, sink: Rendering): void => {
    for (const node of nodes) {
      if (node.kind === "text") sink.output += node.text;
      else if (node.kind === "variable") {
        const inserted = escapeFor[part](valueOf(node.name, part) ?? "");
        if (secretNames.has(node.name) && inserted !== "") {
          secrets.add(inserted);
          sink.secretSpans.push({ start: sink.output.length, end: sink.output.length + inserted.length });
        }
        sink.output += inserted;
      } else if (isShown(node.name)) renderNodes(node.children, part, sink);
    }
  };

  const renderPart = (source: string, part: Part): Rendering => {
    const parsed = parseTemplate(source);
    for (const issue of parsed.issues) {
      report(`${part}:${issue.message}`, { severity: "error", field: `template.${part}`, code: issue.code, message: issue.message });
    }
    const sink: Rendering = { output: "", secretSpans: [] };
    renderNodes(parsed.nodes, part, sink);
    return sink;
  };

  // sanitizeHeaderValue replaces one UTF-16 unit by one, so the secrets' spans stay where they were.
  const renderedSubject = renderPart(template.subject, "subject");
  const subject = truncateOutside(sanitizeHeaderValue(renderedSubject.output), RENDERED_SUBJECT_MAX, renderedSubject.secretSpans);
  const text = renderPart(template.text, "text").output;
  const html = template.html === null ? null : renderPart(template.html, "html").output;
  if (issues.length > 0) return err(TenureErrors.validation(issues));
  return ok(options.secretVariables === undefined ? { subject, text, html } : { subject, text, html, secrets: [...secrets] });
}

/** A part being rendered: the output so far, and where the secret values in it start and end. */
interface Rendering {
  output: string;
  readonly secretSpans: { readonly start: number; readonly end: number }[];
}
