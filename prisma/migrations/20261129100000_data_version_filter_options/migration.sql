-- The filter options of the project list and the dashboard (units, owners,
-- sectors, chains, sources, events) are served from a cache keyed by
-- data_version too (lib/data/filter-options.ts). Events and reference items
-- already bump it on any change; units and users bumped it only for the
-- columns the dashboard prints. The options also depend on which units are
-- retired and of which kind, and on which unit a user belongs to and whether
-- they are disabled, so those columns bump it as well. Sign-ins and password
-- changes (other app_user columns) still do not.

DROP TRIGGER data_version_unit ON unit;
CREATE CONSTRAINT TRIGGER data_version_unit AFTER INSERT OR DELETE OR UPDATE OF name_zh, name_en, kind, retired_at ON unit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();

DROP TRIGGER data_version_app_user ON app_user;
CREATE CONSTRAINT TRIGGER data_version_app_user AFTER INSERT OR DELETE OR UPDATE OF name, unit_id, disabled_at ON app_user
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
