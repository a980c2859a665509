-- Påverkbar slutenvård vid kronisk sjukdom
--
-- Mått: antal slutenvårdsperioder med diagnos för hjärtsvikt, diabetes, astma eller KOL
-- per 100 000 invånare 20 år eller äldre. Åldersstandardiserade värden.
--
-- Population (nämnare): invånare 20 år eller äldre, folkbokförda någon gång under
--   året, by kommun, sex and age.
-- Händelser (täljare): oplanerade slutenvårdsperioder whose first vårdtillfälle has a
--   huvuddiagnos for hjärtsvikt, diabetes, astma or KOL, of people 20 år eller äldre,
--   counted in the year of discharge and in the kommun the person lived in that year.
-- Regler: planned admissions are left out; vårdtillfällen joined by transfers count once
--   (periods.sql). The rate is standardised by age in statistics.sql.
SELECT year, kommun, sex, age, SUM(numerator) AS numerator, SUM(denominator) AS denominator
FROM (
    SELECT py.year, py.kommun, py.sex, py.age, 1 AS numerator, 0 AS denominator
    FROM periods AS sp
    JOIN person_years AS py ON py.person_id = sp.person_id AND py.year = YEAR(sp.discharge_date)
    WHERE py.age >= 20
      AND NOT sp.planned
      AND in_codes(sp.main_diagnosis, 'kronisk_sjukdom')

    UNION ALL

    SELECT year, kommun, sex, age, 0 AS numerator, 1 AS denominator
    FROM person_years
    WHERE age >= 20
) AS counted
GROUP BY year, kommun, sex, age
