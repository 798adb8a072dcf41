-- The leaders officials recognise (the LEADER reference list, admins maintain
-- it), and the rounds already logged matched to them from "our participants",
-- the free text that held the leader until now (it stays as written). The
-- highest-ranking leader named wins; a round naming none keeps no leader.
--
-- Only on a database that already holds data: a fresh one gets the list from
-- the demo seed (prisma/seed/demo-data.ts, which gives its own ids) or from
-- an admin.
INSERT INTO reference_item (kind, code, name_zh, name_en, sort_order, updated_at)
SELECT 'LEADER', v.code, v.name_zh, v.name_en, v.sort_order, CURRENT_TIMESTAMP
  FROM (VALUES
    ('party_secretary', '市委书记', 'Party Secretary (city)', 1),
    ('mayor', '市长', 'Mayor', 2),
    ('executive_vice_mayor', '常务副市长', 'Executive Vice Mayor', 3),
    ('vice_mayor', '副市长', 'Vice Mayor', 4),
    ('county_secretary', '区县委书记', 'Party Secretary (district/county)', 5),
    ('county_head', '区县长', 'District/County Head', 6),
    ('deputy_county_head', '副区县长', 'Deputy District/County Head', 7),
    ('zone_director', '管委会主任', 'Development Zone Director', 8),
    ('bureau_director', '局长', 'Bureau Director', 9),
    ('deputy_bureau_director', '副局长', 'Deputy Bureau Director', 10)
  ) AS v(code, name_zh, name_en, sort_order)
 WHERE EXISTS (SELECT 1 FROM unit)
ON CONFLICT (kind, code) DO NOTHING;

-- The leader named in a round's "our participants", as a LEADER code: the
-- highest-ranking one. Also used by the demo seed (prisma/seed/demo.ts).
CREATE FUNCTION leader_code_in(participants TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN participants ~ '市委书记' THEN 'party_secretary'
    WHEN participants ~ '(^|[^副])市长' THEN 'mayor'
    WHEN participants ~ '常务副市长' THEN 'executive_vice_mayor'
    WHEN participants ~ '副市长' THEN 'vice_mayor'
    WHEN participants ~ '[区县]委书记' THEN 'county_secretary'
    WHEN participants ~ '(^|[^副])[区县]长' THEN 'county_head'
    WHEN participants ~ '副[区县]长' THEN 'deputy_county_head'
    WHEN participants ~ '管委会主任' THEN 'zone_director'
    WHEN participants ~ '(^|[^副])局长' THEN 'bureau_director'
    WHEN participants ~ '副局长' THEN 'deputy_bureau_director'
  END $$;

UPDATE negotiation_round r SET leader_id = ri.id
  FROM reference_item ri
 WHERE ri.kind = 'LEADER' AND ri.code = leader_code_in(r.our_participants) AND r.leader_id IS NULL;
