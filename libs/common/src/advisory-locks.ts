/**
 * Every PostgreSQL advisory lock Turbota takes, in one place, so that no two share a key by
 * accident (two once did). A lock on one resource takes a single bigint key from
 * `ADVISORY_LOCKS`; a lock per item (an incident reason, a contact's external id) takes the
 * two-int form, a class from `ADVISORY_LOCK_CLASSES` and the item's `hashtext`, which
 * PostgreSQL keeps apart from single-key locks, so an item's hash can never meet a whole-resource key.
 */
export const ADVISORY_LOCKS = {
  /** Running migrations at start-up: one process at a time. */
  migrations: 7_390_451_238,
  /** Writing ADMIN_API_KEY's row at start-up. */
  adminKeyBootstrap: 7_390_451_239,
  /** Seeding the pools, policies and standard from config/ on a first start. */
  seeds: 7_390_451_240,
  /** Checking and recording the PII keys that sealed the database. */
  piiKeyLedger: 7_390_451_241,
  /** Drawing a campaign's sample. */
  campaigns: 7_390_451_261,
  /** Publishing a version of the service standard. */
  standardPublish: 7_390_451_305,
  /** Folding the draw log into the questions' counters (tried, never waited for). */
  drawFold: 7_390_451_306,
} as const;

/** The classes of per-item locks (the first int of the two-int form). */
export const ADVISORY_LOCK_CLASSES = {
  /** Problem detection, per incident reason. */
  problems: 739_045_127,
  /** An integration's incident report, per external id. */
  incidentReports: 739_045_128,
  /** Counting new incidents from anonymous channels (one item: 0). */
  anonymousIncidentRate: 739_045_129,
  /** The budget of `<!here>` mentions (one item: 0). */
  slaMentions: 739_045_130,
  /** A reported contact, per external id. */
  contacts: 739_045_131,
} as const;
