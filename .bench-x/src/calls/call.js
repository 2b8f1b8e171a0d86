/** The call model: what the tracker knows about one call, as a plain JSON-serialisable snapshot. */
export {};
