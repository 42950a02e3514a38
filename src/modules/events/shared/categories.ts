// Stakeholder categories the events' figures group: the "institutions" of the participation sentence, and the kinds of
// organizations a published figure may name.
import { ORG_TYPES, type OrgType } from '../../directory/index.ts';
import type { PublishedFigureKind } from '../events.schema.ts';

/** The stakeholder categories counted as "institutions" in the sentence (and the kinds a published figure may name). */
export const INSTITUTIONS: OrgType[] = ['cso', 'academia', 'private_sector', 'faith_based', 'other'];

/** The kinds of organizations a figure may name: institutions name institution kinds; participants none. */
export const orgKindsFor = (kind: PublishedFigureKind): readonly OrgType[] =>
  kind === 'institutions' ? INSTITUTIONS : kind === 'participants' ? [] : ORG_TYPES;
