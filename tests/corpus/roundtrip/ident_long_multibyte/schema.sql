-- Identifiers of exactly 63 bytes (the limit) made mostly of multibyte letters (table, column, index, constraint, enum and its label), and enum labels with a backslash and a check mark.
CREATE TYPE "ÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäxxx" AS ENUM ('ÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöÖöxxx', 'back\slash', 'ünïcödé ✓');
CREATE TABLE "ÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüxxx" (
    "ßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßx" int,
    "日本語の列名日本語の列名日本語の列名xxxxxxxxx" "ÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäÄäxxx",
    CONSTRAINT "ÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéÉéxxx" UNIQUE ("ßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßx")
);
CREATE INDEX "ÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçÇçxxx" ON "ÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüÜüxxx" ("日本語の列名日本語の列名日本語の列名xxxxxxxxx");
