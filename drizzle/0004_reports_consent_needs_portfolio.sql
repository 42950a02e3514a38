CREATE TYPE "public"."consent_scope" AS ENUM('report', 'needs', 'both');--> statement-breakpoint
CREATE TYPE "public"."grantee_kind" AS ENUM('organization', 'compact', 'working_group');--> statement-breakpoint
CREATE TYPE "public"."report_classification" AS ENUM('confidential', 'strictly_confidential');--> statement-breakpoint
CREATE TYPE "public"."roadmap_item_status" AS ENUM('not_started', 'in_progress', 'done', 'delayed');--> statement-breakpoint
CREATE TYPE "public"."link_status" AS ENUM('proposed', 'agreed', 'in_progress', 'delivered');--> statement-breakpoint
CREATE TYPE "public"."need_source" AS ENUM('assessment_visit', 'other');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('identified', 'validated', 'in_consultation', 'being_addressed', 'met', 'closed');--> statement-breakpoint
CREATE TYPE "public"."plan_scope" AS ENUM('national', 'regional');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."project_kind" AS ENUM('programme', 'project');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('pipeline', 'active', 'completed', 'closed');--> statement-breakpoint
CREATE TYPE "public"."roadmap_status" AS ENUM('draft', 'agreed', 'in_progress', 'completed');--> statement-breakpoint
CREATE TABLE "working_group_members" (
	"group_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "working_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_groups_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "assessment_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"classification" "report_classification" DEFAULT 'confidential' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"scope" "consent_scope" NOT NULL,
	"expires_at" timestamp with time zone,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"grantee_kind" "grantee_kind" NOT NULL,
	"grantee_org_id" uuid,
	"grantee_group_id" uuid,
	"scope" "consent_scope" NOT NULL,
	"expires_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "report_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"language" text NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "ta_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_org_id" uuid NOT NULL,
	"source" "need_source" NOT NULL,
	"visit_id" uuid,
	"source_note" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"pillars" text[] DEFAULT '{}' NOT NULL,
	"resolutions" text[] DEFAULT '{}' NOT NULL,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"descriptions" jsonb NOT NULL,
	"status" "need_status" DEFAULT 'identified' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_needs" (
	"plan_id" uuid NOT NULL,
	"need_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_beneficiaries" (
	"project_id" uuid NOT NULL,
	"state_org_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_governance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"body" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_needs" (
	"project_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"covered_percent" integer DEFAULT 100 NOT NULL,
	"status" "link_status" DEFAULT 'proposed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_partners" (
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "project_kind" NOT NULL,
	"parent_id" uuid,
	"code" text,
	"titles" jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"lead_org_id" uuid NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"pillars" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"budget_usd" bigint,
	"funds_received_usd" bigint,
	"start_date" date,
	"end_date" date,
	"status" "project_status" DEFAULT 'pipeline' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"responsible_org_id" uuid,
	"milestones" text DEFAULT '' NOT NULL,
	"due_date" date,
	"status" "roadmap_item_status" DEFAULT 'not_started' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"consultation_date" date,
	"status" "roadmap_status" DEFAULT 'draft' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "plan_scope" NOT NULL,
	"state_org_id" uuid,
	"region" text,
	"title" text NOT NULL,
	"adopted_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reports" ADD CONSTRAINT "assessment_reports_visit_id_assessment_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."assessment_visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reports" ADD CONSTRAINT "assessment_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_grant_id_consent_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."consent_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_visit_id_assessment_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."assessment_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_visit_id_assessment_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."assessment_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_grantee_org_id_organizations_id_fk" FOREIGN KEY ("grantee_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_grantee_group_id_working_groups_id_fk" FOREIGN KEY ("grantee_group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_report_id_assessment_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."assessment_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ta_needs" ADD CONSTRAINT "ta_needs_state_org_id_organizations_id_fk" FOREIGN KEY ("state_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ta_needs" ADD CONSTRAINT "ta_needs_visit_id_assessment_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."assessment_visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ta_needs" ADD CONSTRAINT "ta_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_needs" ADD CONSTRAINT "plan_needs_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_needs" ADD CONSTRAINT "plan_needs_need_id_ta_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."ta_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_beneficiaries" ADD CONSTRAINT "project_beneficiaries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_beneficiaries" ADD CONSTRAINT "project_beneficiaries_state_org_id_organizations_id_fk" FOREIGN KEY ("state_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_governance" ADD CONSTRAINT "project_governance_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_governance" ADD CONSTRAINT "project_governance_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_need_id_ta_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."ta_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_org_id_organizations_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_need_id_ta_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."ta_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_responsible_org_id_organizations_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_state_org_id_organizations_id_fk" FOREIGN KEY ("state_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_plans" ADD CONSTRAINT "strategy_plans_state_org_id_organizations_id_fk" FOREIGN KEY ("state_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "working_group_members_pk" ON "working_group_members" USING btree ("group_id","organization_id");--> statement-breakpoint
CREATE INDEX "working_group_members_org_idx" ON "working_group_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "assessment_reports_visit_idx" ON "assessment_reports" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "consent_events_visit_idx" ON "consent_events" USING btree ("visit_id","at");--> statement-breakpoint
CREATE INDEX "consent_grants_visit_idx" ON "consent_grants" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "consent_grants_org_idx" ON "consent_grants" USING btree ("grantee_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_files_language_idx" ON "report_files" USING btree ("report_id","language");--> statement-breakpoint
CREATE INDEX "ta_needs_state_idx" ON "ta_needs" USING btree ("state_org_id","status");--> statement-breakpoint
CREATE INDEX "ta_needs_visit_idx" ON "ta_needs" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "ta_needs_status_idx" ON "ta_needs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_needs_pk" ON "plan_needs" USING btree ("plan_id","need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_beneficiaries_pk" ON "project_beneficiaries" USING btree ("project_id","state_org_id");--> statement-breakpoint
CREATE INDEX "project_beneficiaries_state_idx" ON "project_beneficiaries" USING btree ("state_org_id");--> statement-breakpoint
CREATE INDEX "project_governance_project_idx" ON "project_governance" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_needs_pk" ON "project_needs" USING btree ("project_id","need_id");--> statement-breakpoint
CREATE INDEX "project_needs_need_idx" ON "project_needs" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_partners_pk" ON "project_partners" USING btree ("project_id","organization_id");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_lead_idx" ON "projects" USING btree ("lead_org_id");--> statement-breakpoint
CREATE INDEX "projects_parent_idx" ON "projects" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_items_need_idx" ON "roadmap_items" USING btree ("roadmap_id","need_id");--> statement-breakpoint
CREATE INDEX "roadmaps_state_idx" ON "roadmaps" USING btree ("state_org_id");