/** One schema change: applied once, in the order of MIGRATIONS, and never edited once released. */
export interface Migration {
  id: string;
  sql: string;
}
