// How big a run may be before the UI asks first.

/** Runs with more test × environment × repetition slots than this ask for confirmation before they start. */
export const LARGE_RUN_SLOTS = 1000
