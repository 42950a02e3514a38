// The import's limits, shared by its service and its views.
/** Rows of one file at most. */
export const MAX_IMPORT_ROWS = 10_000;
