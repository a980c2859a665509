-- Besök på akutmottagning, 80 år och äldre
--
-- Mått: antal besök av personer 80 år eller äldre vid sjukhusbundna akutmottagningar per
-- 1 000 invånare 80 år eller äldre.
--
-- Population (nämnare): invånare 80 år eller äldre, folkbokförda någon gång under
--   året, by kommun and sex.
-- Händelser (täljare): every visit at a hospital emergency department by people 80 år
--   eller äldre during the year, in the kommun they lived in that year.
SELECT year, kommun, sex, age, SUM(numerator) AS numerator, SUM(denominator) AS denominator
FROM (
    SELECT py.year, py.kommun, py.sex, py.age, 1 AS numerator, 0 AS denominator
    FROM outpatient AS v
    JOIN person_years AS py ON py.person_id = v.person_id AND py.year = YEAR(v.visit_date)
    WHERE v.emergency AND py.age >= 80

    UNION ALL

    SELECT year, kommun, sex, age, 0 AS numerator, 1 AS denominator
    FROM person_years
    WHERE age >= 80
) AS counted
GROUP BY year, kommun, sex, age
