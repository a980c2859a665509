-- Kommunal hälso- och sjukvård by year: each care period cut into the calendar years
-- it touches, from its first day (or 1 January) to its last (or 31 December), and no
-- further than the person's death. An ongoing period runs to the end of the extract.
-- days is the period's share of the year in days: the personår of the definitions are
-- these days divided by the days of the year.
WITH cut AS (
    SELECT
        c.person_id,
        c.kommun,
        c.housing,
        y.year,
        p.sex,
        y.year - YEAR(p.birth_date) AS age,
        GREATEST(c.start_date, MAKE_DATE(y.year, 1, 1)) AS from_date,
        LEAST(
            COALESCE(c.end_date, MAKE_DATE($last_year, 12, 31)),
            MAKE_DATE(y.year, 12, 31),
            COALESCE(p.death_date, MAKE_DATE(9999, 12, 31))
        ) AS to_date
    FROM municipal_care AS c
    JOIN persons AS p ON p.person_id = c.person_id
    JOIN years AS y
        ON y.year BETWEEN YEAR(c.start_date) AND YEAR(COALESCE(c.end_date, MAKE_DATE($last_year, 12, 31)))
)
SELECT *, DATE_DIFF('day', from_date, to_date) + 1 AS days
FROM cut
WHERE to_date >= from_date
