-- Fallskador, kommunal hälso- och sjukvård ($housing)
--
-- Mått: fallskador med inskrivning i slutenvård per 100 000 personår för personer 65 år
-- och äldre med kommunal hälso- och sjukvård i särskilt boende (sabo) respektive
-- ordinärt boende (ordinart).
--
-- Population (nämnare): personår with kommunal hälso- och sjukvård in this housing, 65 år
--   eller äldre, by the kommun giving the care (care_days.sql).
-- Händelser (täljare): oplanerade slutenvårdsperioder that start on one of those days and
--   whose first vårdtillfälle has an injury (S00–T14) as huvuddiagnos and a fall
--   (W00–W19) as yttre orsak.
WITH events AS (
    SELECT person_id, admission_date
    FROM periods
    WHERE NOT planned
      AND in_codes(main_diagnosis, 'skada')
      AND in_codes(external_cause, 'fallolycka')
)
$care_days
