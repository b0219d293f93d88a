import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { CompiledRegulation, CompiledRule } from '../../regulation/model.js';
import { ConfirmError } from './confirmError.js';

const organisationRow = z.object({ id: z.string(), region: z.string(), type: z.string(), municipality_id: z.string() });

/** Organisation types that answer for a rule: those in its scope, plus МОУО / РО for municipal and regional tiers (as the period checks read them). */
function responsibleTypes(rule: CompiledRule): string[] {
  const scopes = new Set(rule.deadlines.map((d) => d.role.scope));
  return [...(scopes.has('organisation') ? rule.scope.organisationTypes : []), ...(scopes.has('municipality') ? ['МОУО'] : []), ...(scopes.has('region') ? ['РО', 'ОПЕРАТОР'] : [])];
}

/**
 * The organisation `id` if it answers for `rule`: it exists, is of the regulation's region, of a
 * type the rule judges (the МОУО / РО for municipal and regional tiers) and in the rule's
 * municipalities. Throws `ConfirmError` in Russian otherwise; `who` completes «…: <who> ООО, ДОО».
 */
export async function responsibleOrganisation(db: CommonQueryMethods, regulation: CompiledRegulation, rule: CompiledRule, id: string, who: string): Promise<{ id: string; type: string }> {
  const ref = `${regulation.id}/${rule.id}`;
  const org = await db.maybeOne(sql.type(organisationRow)`SELECT id, region, type, municipality_id FROM organisations WHERE id = ${id}`);
  if (!org) throw new ConfirmError(`организация «${id}» не найдена`);
  if (org.region !== regulation.region) throw new ConfirmError(`организация «${org.id}» из региона ${org.region}, а регламент «${regulation.id}» — для региона ${regulation.region}`);
  const types = responsibleTypes(rule);
  if (!types.includes(org.type)) throw new ConfirmError(`организация «${org.id}» (${org.type}) не отвечает за правило «${ref}»: ${who} ${types.join(', ')}`);
  if (rule.scope.municipalities?.length && org.type !== 'РО' && org.type !== 'ОПЕРАТОР' && !rule.scope.municipalities.includes(org.municipality_id)) {
    throw new ConfirmError(`организация «${org.id}» вне муниципалитетов правила «${ref}»`);
  }
  return { id: org.id, type: org.type };
}
