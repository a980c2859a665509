-- Fallskador, kommunal hälso- och sjukvård ($housing)
--
-- Mått: fallskador med inskrivning i slutenvård per 100 000 personår för personer 65 år
-- och äldre med kommunal hälso- och sjukvård i särskilt boende (sabo) respektive
-- ordinärt boende (ordinart).
--
-- Population (nämnare): personår with kommunal hälso- och sjukvård in this housing, 65 år
--   eller äldre, by the kommun giving the care (as in paverkbar_slutenvard_khsv.sql).
-- Händelser (täljare): oplanerade slutenvårdsperioder that start on one of those days and
--   whose first vårdtillfälle has an injury (S00–T14) as huvuddiagnos and a fall
--   (W00–W19) as yttre orsak.
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
      AND in_codes(sp.main_diagnosis, 'skada')
      AND in_codes(sp.external_cause, 'fallolycka')

    UNION ALL

    SELECT year, kommun, sex, age, 0 AS numerator, days AS denominator
    FROM care_years
    WHERE housing = '$housing' AND age >= 65
) AS counted
GROUP BY year, kommun, sex, age
