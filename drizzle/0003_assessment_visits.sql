CREATE TYPE "public"."visit_status" AS ENUM('planned', 'conducted', 'report_drafted', 'report_adopted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."visit_type" AS ENUM('comprehensive', 'focused', 'follow_up');--> statement-breakpoint
CREATE TABLE "assessment_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_org_id" uuid NOT NULL,
	"type" "visit_type" NOT NULL,
	"on_behalf_of_ctc" boolean DEFAULT true NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"team" text DEFAULT '' NOT NULL,
	"status" "visit_status" DEFAULT 'planned' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_visits" ADD CONSTRAINT "assessment_visits_state_org_id_organizations_id_fk" FOREIGN KEY ("state_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_visits" ADD CONSTRAINT "assessment_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_visits_state_idx" ON "assessment_visits" USING btree ("state_org_id","start_date");