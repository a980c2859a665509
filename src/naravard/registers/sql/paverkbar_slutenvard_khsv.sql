-- Påverkbar slutenvård äldre, kommunal hälso- och sjukvård ($housing)
--
-- Mått: antal påverkbara slutenvårdsperioder per 100 000 personår för personer med
-- kommunal hälso- och sjukvård i särskilt boende (sabo) respektive ordinärt boende
-- (ordinart), 65 år eller äldre.
--
-- Population (nämnare): the days each person 65 år eller äldre had kommunal hälso- och
--   sjukvård in this housing during the year, by the kommun giving the care; the days
--   divided by the days of the year are personår.
-- Händelser (täljare): oplanerade slutenvårdsperioder with a diagnosis for påverkbar
--   slutenvård bland äldre that start on one of those days.
-- Regler: planned admissions are left out; transfers are one period.
SELECT year, kommun, sex, age, SUM(numerator) AS numerator, SUM(denominator) AS denominator
FROM (
    SELECT cy.year, cy.kommun, cy.sex, cy.age, 1 AS numerator, 0 AS denominator
    FROM care_years AS cy
    JOIN periods AS sp
        ON sp.person_id = cy.person_id
       AND sp.admission_date BETWEEN cy.from_date AND cy.to_date
    WHERE cy.housing = '$housing'
      AND cy.age >= 65
      AND NOT sp.planned
      AND in_codes(sp.main_diagnosis, 'paverkbar_aldre')

    UNION ALL

    SELECT year, kommun, sex, age, 0 AS numerator, days AS denominator
    FROM care_years
    WHERE housing = '$housing' AND age >= 65
) AS counted
GROUP BY year, kommun, sex, age
