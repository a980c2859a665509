-- Folkbokförda: one row per person and year the person was folkbokförd in Sweden, with
-- the kommun at the end of the year (or when the person died or moved abroad), sex,
-- and age as reached during the year (the year minus the year of birth). These are
-- the invånare of the rates: everyone folkbokförd during the year counts, so every
-- event's person is in the denominator.
SELECT
    pop.person_id,
    pop.year,
    pop.kommun,
    p.sex,
    pop.year - YEAR(p.birth_date) AS age,
    p.death_date
FROM population AS pop
JOIN persons AS p ON p.person_id = pop.person_id
WHERE pop.year BETWEEN $first_year AND $last_year
