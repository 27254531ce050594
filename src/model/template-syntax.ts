/** A parsed template: literal text, a `{{variable}}`, or a `{{#variable}}…{{/variable}}` section. */
export type TemplateNode =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "section"; readonly name: string; readonly children: readonly TemplateNode[] };

/** A syntax problem of a template. */
export interface TemplateSyntaxIssue {
  readonly code: "malformed_placeholder" | "section_unopened" | "section_mismatch" | "section_unclosed";
  readonly message: string;
}

/** A template split into nodes, with every syntax problem found on the way. */
export interface ParsedTemplate {
  readonly nodes: readonly TemplateNode[];
  readonly issues: readonly TemplateSyntaxIssue[];
}

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

interface OpenSection {
  readonly name: string;
  readonly children: TemplateNode[];
}

/**
 * Parses `{{name}}`, `{{#name}}` and `{{/name}}` tags (white space inside the braces allowed). Any other
 * `{{` is a `malformed_placeholder`; sections must nest properly. The nodes are usable even with issues.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const issues: TemplateSyntaxIssue[] = [];
  const root: OpenSection = { name: "", children: [] };
  const stack: OpenSection[] = [root];
  const top = (): OpenSection => stack[stack.length - 1] ?? root;
  const addText = (text: string): void => {
    if (text === "") return;
    const stray = text.indexOf("{{");
    if (stray !== -1) {
      const excerpt = text.slice(stray, stray + 30);
      issues.push({ code: "malformed_placeholder", message: `"${excerpt}" is not a placeholder: write {{name}}, {{#name}} or {{/name}}` });
    }
    top().children.push({ kind: "text", text });
  };

  let position = 0;
  for (const match of source.matchAll(TAG)) {
    addText(source.slice(position, match.index));
    position = match.index + match[0].length;
    const sigil = match[1] ?? "";
    const name = match[2] ?? "";
    if (sigil === "") {
      top().children.push({ kind: "variable", name });
    } else if (sigil === "#") {
      const section: OpenSection = { name, children: [] };
      top().children.push({ kind: "section", name, children: section.children });
      stack.push(section);
    } else if (stack.length === 1) {
      issues.push({ code: "section_unopened", message: `{{/${name}}} closes a section that was never opened` });
    } else if (top().name !== name) {
      issues.push({ code: "section_mismatch", message: `{{/${name}}} closes section {{#${top().name}}}` });
      const open = stack.findLastIndex((section) => section.name === name);
      if (open > 0) stack.length = open;
    } else {
      stack.pop();
    }
  }
  addText(source.slice(position));
  for (const section of stack.slice(1).reverse()) {
    issues.push({ code: "section_unclosed", message: `{{#${section.name}}} is never closed with {{/${section.name}}}` });
  }
  return { nodes: root.children, issues };
}
