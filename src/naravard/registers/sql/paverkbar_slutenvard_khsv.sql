-- Påverkbar slutenvård äldre, kommunal hälso- och sjukvård ($housing)
--
-- Mått: antal påverkbara slutenvårdsperioder per 100 000 personår för personer med
-- kommunal hälso- och sjukvård i särskilt boende (sabo) respektive ordinärt boende
-- (ordinart), 65 år eller äldre.
--
-- Population (nämnare): the days each person 65 år eller äldre had kommunal hälso- och
--   sjukvård in this housing during the year, by the kommun giving the care; the days
--   divided by the days of the year are personår (care_days.sql).
-- Händelser (täljare): oplanerade slutenvårdsperioder with a diagnosis for påverkbar
--   slutenvård bland äldre that start on one of those days.
-- Regler: planned admissions are left out; transfers are one period.
WITH events AS (
    SELECT person_id, admission_date
    FROM periods
    WHERE NOT planned
      AND in_codes(main_diagnosis, 'paverkbar_aldre')
)
$care_days
