CREATE TABLE "event_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"recommendation_id" uuid,
	"title" text NOT NULL,
	"owner_org_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_schedule_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sessions" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_side_event_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"week_id" uuid NOT NULL,
	"proposer_org_id" uuid NOT NULL,
	"co_organizer_org_ids" uuid[] DEFAULT '{}' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"language" text NOT NULL,
	"format" "event_format" NOT NULL,
	"preferred_time" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reason" text,
	"event_id" uuid,
	"proposed_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"speaker_name" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"position" integer NOT NULL,
	"requested_by" uuid,
	"started_at" timestamp with time zone,
	"allowed_minutes" integer,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"speaker_id" uuid,
	"organization_id" uuid NOT NULL,
	"speaker_name" text NOT NULL,
	"language" text NOT NULL,
	"body" text,
	"file" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_summary_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sort" integer NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD COLUMN "statement_minutes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_actions" ADD CONSTRAINT "event_actions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_actions" ADD CONSTRAINT "event_actions_recommendation_id_event_summary_items_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."event_summary_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_actions" ADD CONSTRAINT "event_actions_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_schedule_versions" ADD CONSTRAINT "event_schedule_versions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_schedule_versions" ADD CONSTRAINT "event_schedule_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_side_event_proposals" ADD CONSTRAINT "event_side_event_proposals_week_id_events_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_side_event_proposals" ADD CONSTRAINT "event_side_event_proposals_proposer_org_id_organizations_id_fk" FOREIGN KEY ("proposer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_side_event_proposals" ADD CONSTRAINT "event_side_event_proposals_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_side_event_proposals" ADD CONSTRAINT "event_side_event_proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_side_event_proposals" ADD CONSTRAINT "event_side_event_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_statements" ADD CONSTRAINT "event_statements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_statements" ADD CONSTRAINT "event_statements_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_statements" ADD CONSTRAINT "event_statements_speaker_id_event_speakers_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."event_speakers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_statements" ADD CONSTRAINT "event_statements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_statements" ADD CONSTRAINT "event_statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_summary_items" ADD CONSTRAINT "event_summary_items_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_actions_recommendation_idx" ON "event_actions" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "event_actions_event_idx" ON "event_actions" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_schedule_versions_number_idx" ON "event_schedule_versions" USING btree ("event_id","number");--> statement-breakpoint
CREATE INDEX "event_side_event_proposals_week_idx" ON "event_side_event_proposals" USING btree ("week_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_speakers_org_idx" ON "event_speakers" USING btree ("session_id","organization_id") WHERE "event_speakers"."status" in ('waiting', 'speaking');--> statement-breakpoint
CREATE INDEX "event_speakers_session_idx" ON "event_speakers" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "event_statements_event_idx" ON "event_statements" USING btree ("event_id","session_id","created_at");--> statement-breakpoint
CREATE INDEX "event_summary_items_event_idx" ON "event_summary_items" USING btree ("event_id","kind","sort");