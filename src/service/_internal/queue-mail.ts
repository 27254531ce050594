import { err, ok, type Result } from "neverthrow";
import { composeOutboxMail } from "../../mail/compose-mail.js";
import { createMailDateFormatter } from "../../mail/mail-date-formatter.js";
import type { MailTemplateName } from "../../model/mail-template.js";
import { resolveMailTemplate } from "../../mail/mail-template-overrides.js";
import type { MailTemplateVariables } from "../../model/mail-template-variables.js";
import { renderMail } from "../../mail/render-mail.js";
import { SECRET_MAIL_VARIABLES } from "../../mail/secret-mail-variables.js";
import type { MailId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { Settings } from "../../model/settings.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { ServiceContext } from "./service-context.js";

/** A recipient of a mail. */
export interface MailRecipient {
  readonly address: string;
  readonly name: string | null;
}

/**
 * Renders a mail from the template in force for `organization` (its own, else the installation's, else
 * the default), dates in the organization's time zone, and queues it in the outbox of `tx`: delivered
 * only if that transaction commits. Behind `CommandScope.queueMail` and the system jobs' mails.
 *
 * The template's secret variables ({@link SECRET_MAIL_VARIABLES}: the single-use links) are listed in
 * the record's `secrets`, so the store redacts them in the same write that records the mail as sent or
 * given up; until then the pending record holds them, since delivery needs them.
 */
export async function queueMail<N extends MailTemplateName, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "ids" | "settings">,
  tx: StoreTransaction<UA, OA, Native>,
  job: { readonly organization: Organization<OA>; readonly settings: Settings; readonly now: Date },
  name: N,
  to: MailRecipient,
  variables: MailTemplateVariables[N],
): Promise<Result<OutboxMail, TenureError>> {
  const { organization, settings, now } = job;
  const template = resolveMailTemplate(name, organization.settings.mailTemplates, context.settings.mailTemplates);
  const formatDate = createMailDateFormatter({ timeZone: settings.timeZone });
  const rendering = { formatDate: (date: Date) => formatDate(date), secretVariables: SECRET_MAIL_VARIABLES[name] };
  const mail = renderMail(template, variables as never, rendering).andThen((rendered) =>
    composeOutboxMail({ id: context.ids.next("mail") as MailId, organizationId: organization.id, template: name, to, rendered, now }),
  );
  if (mail.isErr()) return err(mail.error);
  const queued = await tx.outbox.enqueue(mail.value);
  return queued.isErr() ? err(queued.error) : ok(queued.value);
}
