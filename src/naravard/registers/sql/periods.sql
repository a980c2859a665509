-- Slutenvårdsperioder: vårdtillfällen of one person that follow each other without a
-- day between them (discharge from one ward or hospital and admission to the next on
-- the same day) are one period, counted as one event. A period takes its diagnosis,
-- yttre orsak and planned flag from its first vårdtillfälle, and ends with the last
-- discharge. (Overlapping vårdtillfällen are rejected before this step.)
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
        ) AS previous_discharge
    FROM inpatient
),
marked AS (
    SELECT
        *,
        CASE WHEN previous_discharge IS NOT NULL AND admission_date <= previous_discharge THEN 0 ELSE 1 END AS starts_period
    FROM ordered
),
numbered AS (
    SELECT
        *,
        SUM(starts_period) OVER (
            PARTITION BY person_id
            ORDER BY admission_date, discharge_date, main_diagnosis, external_cause, planned
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS period_no
    FROM marked
),
period_end AS (
    SELECT person_id, period_no, MAX(discharge_date) AS discharge_date
    FROM numbered
    GROUP BY person_id, period_no
)
SELECT
    f.person_id,
    f.admission_date,
    e.discharge_date,
    f.main_diagnosis,
    f.external_cause,
    f.planned
FROM numbered AS f
JOIN period_end AS e ON e.person_id = f.person_id AND e.period_no = f.period_no
WHERE f.starts_period = 1
