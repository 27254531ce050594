import type { Diagnostic } from "./tenure-error.js";
import type { MailTemplateVariableSpec } from "./mail-template-variables.js";
import { parseTemplate, type TemplateNode } from "./template-syntax.js";

/** Syntax and variable checks of every part of a template (the size checks are the schema's). */
export function checkTemplateParts(
  template: { readonly subject: unknown; readonly text: unknown; readonly html: unknown },
  spec: MailTemplateVariableSpec,
): Diagnostic[] {
  const issues: Diagnostic[] = [];
  const parts = [
    ["subject", template.subject],
    ["text", template.text],
    ["html", template.html],
  ] as const;
  for (const [part, source] of parts) {
    if (typeof source === "string") issues.push(...checkPart(part, source, spec));
  }
  return issues;
}

function checkPart(part: "subject" | "text" | "html", source: string, spec: MailTemplateVariableSpec): Diagnostic[] {
  const issues: Diagnostic[] = [];
  const add = (code: string, message: string): void => {
    if (!issues.some((issue) => issue.code === code && issue.message === message)) issues.push({ severity: "error", field: part, code, message });
  };
  const parsed = parseTemplate(source);
  for (const issue of parsed.issues) add(issue.code, issue.message);

  const used = new Set<string>();
  const walk = (nodes: readonly TemplateNode[], openSections: readonly string[]): void => {
    for (const node of nodes) {
      if (node.kind === "text") continue;
      used.add(node.name);
      if (!spec.given.includes(node.name) && !spec.optional.includes(node.name)) {
        add("unknown_placeholder", `{{${node.kind === "section" ? "#" : ""}${node.name}}} is not a variable of this template`);
      } else if (node.kind === "variable" && spec.optional.includes(node.name) && !openSections.includes(node.name)) {
        add("optional_outside_section", `{{${node.name}}} is optional: use it inside {{#${node.name}}}…{{/${node.name}}}`);
      }
      if (node.kind === "section") walk(node.children, [...openSections, node.name]);
    }
  };
  walk(parsed.nodes, []);

  if (part !== "subject") {
    for (const name of spec.required) {
      if (!used.has(name)) add("required_placeholder_missing", `the ${part} must contain {{${name}}}`);
    }
  }
  return issues;
}
