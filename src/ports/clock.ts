/** The source of the current time. Rules never read the wall clock; the service asks this port once per command. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
