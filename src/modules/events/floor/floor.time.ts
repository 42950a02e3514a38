// When a statement's allowed time ends (shared by the speakers' list service and its views).
export const endsAt = (r: { startedAt: Date | null; allowedMinutes: number | null }) =>
  r.startedAt && r.allowedMinutes ? new Date(r.startedAt.getTime() + r.allowedMinutes * 60_000) : null;
