-- commitment.unit_id is set by the trigger commitment_unit (migration 20261202100000) on every insert; its column
-- default (0, which Prisma's create needs) names no unit. A commitment written without the trigger — the trigger
-- dropped or disabled, a bulk load with triggers off — is refused here instead of vanishing from its unit's
-- milestone alerts. (Prisma's schema cannot express a CHECK; it ignores this one when diffing.)
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_unit_set" CHECK ("unit_id" > 0);
