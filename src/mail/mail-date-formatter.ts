/** The options of {@link createMailDateFormatter}. */
export interface MailDateFormatterOptions {
  /** IANA time zone the reader lives in, e.g. the installation's `settings.timeZone`. */
  readonly timeZone: string;
  /** BCP 47 locale; default `en-GB` (`4 May 2026 at 10:00 CEST`; the exact punctuation depends on the runtime's ICU data). */
  readonly locale?: string;
}

/**
 * A `formatDate` for `renderMail` that writes dates for people rather than machines: day, month name,
 * year, time and zone abbreviation, in the given time zone. Throws a `RangeError` for an unknown time
 * zone or locale (a configuration error, found once at creation).
 *
 * @example
 * ```ts
 * const formatDate = createMailDateFormatter({ timeZone: settings.timeZone });
 * renderMail(template, variables, { formatDate });
 * formatDate(new Date("2026-05-04T08:00:00Z")); // "4 May 2026 at 10:00 CEST" in Europe/Berlin
 * ```
 */
export function createMailDateFormatter(options: MailDateFormatterOptions): (date: Date) => string {
  const format = new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    timeZone: options.timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return (date) => format.format(date);
}
