// Rows per page of the admin lists (the service's queries and the views' pagination).
export const PAGE = 50;
