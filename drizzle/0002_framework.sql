CREATE TYPE "public"."framework_kind" AS ENUM('pillar', 'sc_resolution', 'ga_resolution', 'theme');--> statement-breakpoint
CREATE TABLE "framework_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "framework_kind" NOT NULL,
	"code" text NOT NULL,
	"year" integer,
	"names" jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "framework_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE INDEX "framework_items_kind_idx" ON "framework_items" USING btree ("kind","sort");