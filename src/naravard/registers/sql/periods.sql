-- Slutenvårdsperioder: vårdtillfällen of one person that follow each other without a
-- day between them (discharge from one ward or hospital and admission to the next on
-- the same day) are one period, counted as one event. A period takes its diagnosis,
-- yttre orsak and planned flag from its first vårdtillfälle, and ends with the last
-- discharge. (Overlapping vårdtillfällen are rejected before this step, so within a
-- period each discharge is on or after the one before: the last is the period's end.)
WITH ordered AS (
    SELECT
        person_id,
        admission_date,
        discharge_date,
        main_diagnosis,
        external_cause,
        planned,
        LAG(discharge_date) OVER (
            PARTITION BY person_id
            ORDER BY admission_date, discharge_date, main_diagnosis, external_cause, planned
        ) AS previous_discharge,
        LEAD(admission_date) OVER (
            PARTITION BY person_id
            ORDER BY admission_date, discharge_date, main_diagnosis, external_cause, planned
        ) AS next_admission
    FROM inpatient
),
-- A vårdtillfälle starts a period unless it is admitted on or before the previous
-- discharge, and ends one unless the next is admitted on or before its discharge.
marked AS (
    SELECT
        *,
        CASE WHEN previous_discharge IS NOT NULL AND admission_date <= previous_discharge THEN 0 ELSE 1 END AS starts_period,
        CASE WHEN next_admission IS NOT NULL AND next_admission <= discharge_date THEN 0 ELSE 1 END AS ends_period
    FROM ordered
),
-- Only the first and last vårdtillfälle of each period: the one after a first that
-- does not end its period is that period's last.
bounds AS (
    SELECT
        *,
        CASE WHEN ends_period = 1 THEN discharge_date ELSE LEAD(discharge_date) OVER (
            PARTITION BY person_id
            ORDER BY admission_date, discharge_date, main_diagnosis, external_cause, planned
        ) END AS period_discharge
    FROM marked
    WHERE starts_period = 1 OR ends_period = 1
)
SELECT
    person_id,
    admission_date,
    period_discharge AS discharge_date,
    main_diagnosis,
    external_cause,
    planned
FROM bounds
WHERE starts_period = 1
