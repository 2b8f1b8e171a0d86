export const NO_LATER = { later: () => Promise.resolve([]) };
