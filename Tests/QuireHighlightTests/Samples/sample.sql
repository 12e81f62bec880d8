-- Queries over training logs, written for quire's highlighter test.
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    learning_rate REAL,
    started_at TEXT DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE steps (
    run_id INTEGER REFERENCES runs (id),
    step INTEGER NOT NULL,
    loss REAL,
    accuracy REAL CHECK (accuracy BETWEEN 0 AND 1)
);

CREATE INDEX steps_by_run ON steps (run_id, step);

INSERT INTO runs (name, learning_rate) VALUES ('lr3e-4', 3e-4), ('lr1e-3', 0.001);

/* The best step of every run,
   with the run's name. */
SELECT r.name, s.step, min(s.loss) AS best_loss
FROM steps AS s
JOIN runs AS r ON r.id = s.run_id
WHERE s.loss IS NOT NULL
GROUP BY r.name
ORDER BY best_loss ASC
LIMIT 10;

WITH smoothed AS (
    SELECT run_id, step,
           avg(loss) OVER (PARTITION BY run_id ORDER BY step ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS loss
    FROM steps
)
SELECT run_id, max(step) AS last_step, round(loss, 4) AS final_loss
FROM smoothed
GROUP BY run_id
HAVING count(*) > 100;

UPDATE runs SET learning_rate = learning_rate * 0.5 WHERE name LIKE 'lr%' AND id <> 2;

SELECT phase, count(*) AS n, sum(CASE WHEN accuracy >= 0.9 THEN 1 ELSE 0 END) AS good
FROM steps
LEFT JOIN runs ON runs.id = steps.run_id
WHERE step % 1000 = 0
GROUP BY phase;

DELETE FROM steps WHERE run_id IN (SELECT id FROM runs WHERE name = 'scratch');
DROP VIEW IF EXISTS recent;
CREATE VIEW recent AS SELECT * FROM steps WHERE step > (SELECT max(step) - 500 FROM steps);
