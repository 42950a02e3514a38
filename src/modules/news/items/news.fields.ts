// The longest text each language version of a news item's fields may hold (the form, the API and the service).
export const LIMITS = { title: 300, summary: 1000, body: 20_000 } as const;
