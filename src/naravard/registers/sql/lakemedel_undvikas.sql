-- Äldre med läkemedel som bör undvikas, kommunal hälso- och sjukvård ($housing)
--
-- Mått: andel äldre med minst ett läkemedel som bör undvikas till äldre om inte
-- särskilda skäl föreligger. Avser personer 75 år eller äldre med kommunala hälso- och
-- sjukvårdsinsatser i ordinärt boende (ordinart) respektive särskilt boende (sabo) under
-- perioden oktober–december respektive år, och uttag av aktuellt läkemedel under samma
-- period.
--
-- Population (nämnare): people 75 år eller äldre with kommunal hälso- och sjukvård on
--   some day in October–December; each person once, in the housing and kommun of the
--   last care period of those months.
-- Händelser (täljare): those of them with at least one uttag in October–December of a
--   läkemedel som bör undvikas.
WITH fourth_quarter AS (
    SELECT
        person_id, year, kommun, sex, age, housing,
        ROW_NUMBER() OVER (
            PARTITION BY person_id, year
            ORDER BY to_date DESC, from_date DESC, kommun, housing
        ) AS latest
    FROM care_years
    WHERE to_date >= MAKE_DATE(year, 10, 1) AND age >= 75
),
population AS (
    SELECT person_id, year, kommun, sex, age
    FROM fourth_quarter
    WHERE latest = 1 AND housing = '$housing'
),
dispensed_q4 AS (
    SELECT DISTINCT person_id, YEAR(dispensed_date) AS year
    FROM dispensed
    WHERE MONTH(dispensed_date) >= 10
      AND in_codes(atc, 'lakemedel_undvikas')
)
SELECT
    p.year,
    p.kommun,
    p.sex,
    p.age,
    SUM(CASE WHEN d.person_id IS NULL THEN 0 ELSE 1 END) AS numerator,
    COUNT(*) AS denominator
FROM population AS p
LEFT JOIN dispensed_q4 AS d ON d.person_id = p.person_id AND d.year = p.year
GROUP BY p.year, p.kommun, p.sex, p.age
