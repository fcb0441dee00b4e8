/** A person's columns as the domain's `Person`, from `people p`: for every query that reads one. */
export const PERSON_COLUMNS = `p.id::text as id, p.email, p.name, p.role, p.organisation_id::text as "organisationId", p.active`;
