import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes that Reglament sets on every workflow, so that an auditor can filter the
 * Temporal UI by regulation, rule, region, period and compliance status. Safe to import from
 * workflow code (no Node modules).
 */
export const SA_REGULATION = defineSearchAttributeKey('ReglamentRegulation', SearchAttributeType.KEYWORD);
export const SA_RULE = defineSearchAttributeKey('ReglamentRule', SearchAttributeType.KEYWORD);
export const SA_REGION = defineSearchAttributeKey('ReglamentRegion', SearchAttributeType.KEYWORD);
export const SA_PERIOD = defineSearchAttributeKey('ReglamentPeriod', SearchAttributeType.KEYWORD);
export const SA_STATUS = defineSearchAttributeKey('ReglamentStatus', SearchAttributeType.KEYWORD);

/** Every key above, for registration on the server. */
export const ALL_SEARCH_ATTRIBUTES = [SA_REGULATION, SA_RULE, SA_REGION, SA_PERIOD, SA_STATUS];
