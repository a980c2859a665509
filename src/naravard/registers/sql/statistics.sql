-- Statistics: from every definition's counts to one row per cell of indicators.csv, in
-- one query, so that only the cells leave the engine. It reads the table counts (the
-- definitions' rows with an indicator column) and the run's facts:
--   indicator_measures  indicator, indicator_order, measure (proportion, rate,
--                       person_years), per, standardised
--   indicator_cells     the cells to write: indicator, year, level, sex, sex_order
--   areas               level, area, area_order (riket 00, the regions, the kommuner)
--   kommun_regions      kommun, region (its län)
--   standard_groups     age_from, weight (the standard population, weights / Σ w)
--   standard_ages       age, age_from (the age group of every age from the first group's)
-- Filled in before it runs: the disclosure threshold and z (1.96).
WITH
-- Each count in its age group of the standard population (standardised indicators;
-- ages below the first group are left out) and in its region.
grouped AS (
    SELECT
        c.indicator, c.year, c.kommun, r.region, c.sex,
        CASE WHEN m.standardised THEN g.age_from ELSE 0 END AS age_group,
        SUM(c.numerator) AS numerator,
        SUM(c.denominator) AS denominator
    FROM counts AS c
    JOIN indicator_measures AS m ON m.indicator = c.indicator
    JOIN kommun_regions AS r ON r.kommun = c.kommun
    LEFT JOIN standard_ages AS g ON g.age = c.age
    WHERE NOT m.standardised OR g.age_from IS NOT NULL
    GROUP BY c.indicator, c.year, c.kommun, r.region, c.sex, CASE WHEN m.standardised THEN g.age_from ELSE 0 END
),
-- Added up to kommun, region and riket.
by_area AS (
    SELECT indicator, year, 'riket' AS level, '00' AS area, sex, age_group, numerator, denominator FROM grouped
    UNION ALL
    SELECT indicator, year, 'region' AS level, region AS area, sex, age_group, numerator, denominator FROM grouped
    UNION ALL
    SELECT indicator, year, 'kommun' AS level, kommun AS area, sex, age_group, numerator, denominator FROM grouped
),
-- For kvinnor, for män and for both (totalt), by age group.
strata AS (
    SELECT indicator, year, level, area, CASE WHEN sex = 1 THEN 'män' ELSE 'kvinnor' END AS sex, age_group,
           SUM(numerator) AS numerator, SUM(denominator) AS denominator
    FROM by_area
    GROUP BY indicator, year, level, area, sex, age_group
    UNION ALL
    SELECT indicator, year, level, area, 'totalt' AS sex, age_group,
           SUM(numerator) AS numerator, SUM(denominator) AS denominator
    FROM by_area
    GROUP BY indicator, year, level, area, age_group
),
-- Per cell: the counts, and for direct standardisation Σ wᵢ·Oᵢ/nᵢ, its variance
-- Σ wᵢ²·Oᵢ/nᵢ² and the weight of one person in the age group where one weighs most
-- (an age group without population adds nothing).
sums AS (
    SELECT
        s.indicator, s.year, s.level, s.area, s.sex,
        SUM(s.numerator) AS numerator,
        SUM(s.denominator) AS denominator,
        SUM(CASE WHEN s.denominator > 0 THEN g.weight * s.numerator / CAST(s.denominator AS DOUBLE) ELSE 0.0 END) AS dsr,
        SUM(CASE WHEN s.denominator > 0
                 THEN g.weight * g.weight * s.numerator / (CAST(s.denominator AS DOUBLE) * s.denominator) ELSE 0.0 END) AS variance,
        MAX(CASE WHEN s.denominator > 0 THEN g.weight / CAST(s.denominator AS DOUBLE) ELSE 0.0 END) AS heaviest
    FROM strata AS s
    LEFT JOIN standard_groups AS g ON g.age_from = s.age_group
    GROUP BY s.indicator, s.year, s.level, s.area, s.sex
),
-- Every cell to write, with or without counts; personår are days / the days of the year.
cells AS (
    SELECT
        c.indicator, m.indicator_order, c.year, c.level, a.area_order, a.area, c.sex, c.sex_order,
        m.measure, m.per, m.standardised,
        COALESCE(s.numerator, 0) AS events,
        CASE WHEN m.measure = 'person_years'
             THEN COALESCE(s.denominator, 0) / CAST(CASE WHEN (MOD(c.year, 4) = 0 AND MOD(c.year, 100) <> 0) OR MOD(c.year, 400) = 0
                                                          THEN 366 ELSE 365 END AS DOUBLE)
             ELSE CAST(COALESCE(s.denominator, 0) AS DOUBLE) END AS population,
        s.dsr, s.variance, s.heaviest
    FROM indicator_cells AS c
    JOIN indicator_measures AS m ON m.indicator = c.indicator
    JOIN areas AS a ON a.level = c.level
    LEFT JOIN sums AS s
        ON s.indicator = c.indicator AND s.year = c.year AND s.level = c.level AND s.area = a.area AND s.sex = c.sex
),
-- Disclosure control: no population, or fewer events than the threshold.
judged AS (
    SELECT
        *,
        CASE WHEN population <= 0 THEN 'no_population' WHEN events < $threshold THEN 'suppressed' ELSE 'value' END AS status
    FROM cells
),
-- Complementary suppression: when one sex of a place and year is suppressed, the other
-- is too (totalt minus one sex would give it).
complemented AS (
    SELECT
        *,
        COUNT(CASE WHEN status = 'suppressed' AND sex <> 'totalt' THEN 1 END)
            OVER (PARTITION BY indicator, year, level, area) AS sexes_suppressed,
        MAX(CASE WHEN status = 'suppressed' AND sex <> 'totalt' THEN sex END)
            OVER (PARTITION BY indicator, year, level, area) AS suppressed_sex
    FROM judged
),
-- Byar's approximation of the exact Poisson limits of the count (O_L, O_U), and
-- Wilson's score interval for a proportion (n: the denominator, NULL when there is none).
limits AS (
    SELECT
        indicator, indicator_order, year, level, area_order, area, sex, sex_order, measure, per, standardised,
        events, population, dsr, variance, heaviest,
        CASE WHEN status = 'value' AND sex <> 'totalt' AND sexes_suppressed = 1 THEN 'complementary' ELSE status END AS status,
        suppressed_sex,
        CASE WHEN events = 0 THEN 0.0
             ELSE events * POWER(1 - 1 / (9 * CAST(events AS DOUBLE)) - $z / (3 * SQRT(CAST(events AS DOUBLE))), 3) END AS count_low,
        (events + 1) * POWER(1 - 1 / (9 * CAST(events + 1 AS DOUBLE)) + $z / (3 * SQRT(CAST(events + 1 AS DOUBLE))), 3) AS count_high,
        events / NULLIF(population, 0) AS p,
        NULLIF(population, 0) AS n,
        $z * $z AS z2
    FROM complemented
),
wilson AS (
    SELECT
        *,
        (p + z2 / (2 * n)) / (1 + z2 / n) AS centre,
        $z * SQRT(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n) AS half
    FROM limits
)
-- The value and its limits: a share in percent with Wilson's interval; a rate with the
-- count's limits over the denominator; a standardised rate with Dobson's interval,
-- DSR + √(Var/O)·(O_L − O) and likewise with O_U (no events: 0 to O_U in the heaviest group).
SELECT
    indicator, year, level, area, sex, measure, status, suppressed_sex, events, population,
    CASE WHEN status <> 'value' THEN NULL
         WHEN measure = 'proportion' THEN 100 * events / n
         WHEN NOT standardised THEN events / n * per
         ELSE dsr * per END AS value,
    CASE WHEN status <> 'value' THEN NULL
         WHEN measure = 'proportion' THEN 100 * GREATEST(0.0, centre - half)
         WHEN NOT standardised THEN count_low / n * per
         WHEN events = 0 THEN 0.0
         ELSE GREATEST(0.0, dsr + SQRT(variance / events) * (count_low - events)) * per END AS ci_lower,
    CASE WHEN status <> 'value' THEN NULL
         WHEN measure = 'proportion' THEN 100 * LEAST(1.0, centre + half)
         WHEN NOT standardised THEN count_high / n * per
         WHEN events = 0 THEN count_high * heaviest * per
         ELSE (dsr + SQRT(variance / events) * (count_high - events)) * per END AS ci_upper
FROM wilson
ORDER BY indicator_order, CASE level WHEN 'riket' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, year, area_order, sex_order
