export type E164 = string;
