-- Per personår of kommunal hälso- och sjukvård ($housing), 65 år eller äldre: shared by
-- the definitions that count events per personår of care (paverkbar_slutenvard_khsv.sql,
-- fallskador_khsv.sql), which name their events as the slutenvårdsperioder in events.
--
-- Population (nämnare): the days each person 65 år eller äldre had kommunal hälso- och
--   sjukvård in this housing during the year, by the kommun giving the care; the days
--   divided by the days of the year are personår.
-- Händelser (täljare): the events that start on one of those days.
SELECT year, kommun, sex, age, SUM(numerator) AS numerator, SUM(denominator) AS denominator
FROM (
    SELECT cy.year, cy.kommun, cy.sex, cy.age, 1 AS numerator, 0 AS denominator
    FROM care_years AS cy
    JOIN events AS sp
        ON sp.person_id = cy.person_id
       AND sp.admission_date BETWEEN cy.from_date AND cy.to_date
    WHERE cy.housing = '$housing'
      AND cy.age >= 65

    UNION ALL

    SELECT year, kommun, sex, age, 0 AS numerator, days AS denominator
    FROM care_years
    WHERE housing = '$housing' AND age >= 65
) AS counted
GROUP BY year, kommun, sex, age
