-- Oplanerade återinskrivningar bland äldre
--
-- Mått: andel oplanerade återinskrivningar inom 30 dagar vid utvalda diagnoser för
-- patienter 65 år och äldre.
--
-- Population (nämnare): slutenvårdsperioder of patients 65 år och äldre whose first
--   vårdtillfälle has one of the selected diagnoses, discharged alive during the year;
--   counted in the kommun the patient lived in that year.
-- Händelser (täljare): those of them followed by an oplanerad slutenvårdsperiod with a
--   selected readmission diagnosis that starts 1–30 days after the discharge.
-- Regler: a period that ends in death is left out (it cannot be followed by a
--   readmission); transfers between hospitals are one period, not a readmission.
WITH index_periods AS (
    SELECT sp.person_id, sp.discharge_date, py.year, py.kommun, py.sex, py.age
    FROM periods AS sp
    JOIN person_years AS py ON py.person_id = sp.person_id AND py.year = YEAR(sp.discharge_date)
    WHERE py.age >= 65
      AND in_codes(sp.main_diagnosis, 'aterinskrivning_index')
      AND (py.death_date IS NULL OR py.death_date > sp.discharge_date)
),
readmitted AS (
    SELECT DISTINCT i.person_id, i.discharge_date
    FROM index_periods AS i
    JOIN periods AS r ON r.person_id = i.person_id
    WHERE NOT r.planned
      AND r.admission_date > i.discharge_date
      AND r.admission_date <= i.discharge_date + INTERVAL 30 DAY
      AND in_codes(r.main_diagnosis, 'aterinskrivning_ater')
)
SELECT
    i.year,
    i.kommun,
    i.sex,
    i.age,
    SUM(CASE WHEN r.person_id IS NULL THEN 0 ELSE 1 END) AS numerator,
    COUNT(*) AS denominator
FROM index_periods AS i
LEFT JOIN readmitted AS r ON r.person_id = i.person_id AND r.discharge_date = i.discharge_date
GROUP BY i.year, i.kommun, i.sex, i.age
