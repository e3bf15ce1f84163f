/** The two storage engines Restock runs on; everything else about them hides behind Kysely. */
export type DialectName = 'sqlite' | 'postgres';
