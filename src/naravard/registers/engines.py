"""The engines that run the definitions: DuckDB here, Apache Spark where the data live.

Both take SQL in DuckDB's dialect; Spark gets it transpiled by sqlglot. An
engine only registers files, materialises named tables and answers queries with
plain rows; everything else (the definitions, the checks, the statistics) is
shared. Spark runs in local mode bound to the loopback interface unless it is
handed a session of a cluster.
"""

from __future__ import annotations

import os
import tempfile

from naravard.errors import EngineUnavailable
from naravard.registers.extract import FoundFile

ENGINES = ("duckdb", "spark")

# DuckDB's buffer pool, not the process: Python, pandas and Arrow take about 200 MiB
# beside it, so this keeps the whole process under 2 GiB (the benchmark measured 1995 MiB).
DUCKDB_MEMORY_LIMIT = "1750MiB"


class Engine:
    name = ""

    def version(self) -> str:
        raise NotImplementedError

    def register_file(self, name: str, found: FoundFile, columns: dict[str, str]) -> None:
        """A view *name* over the file, its columns renamed {as delivered: spec name}."""
        raise NotImplementedError

    def register_values(self, name: str, column: str, values: list) -> None:
        self.register_rows(name, (column,), [(v,) for v in values])

    def register_rows(self, name: str, columns: tuple[str, ...], rows: list[tuple], raw: tuple[str, ...] = ()) -> None:
        """A small table of literal rows; the columns in *raw* hold SQL expressions as they are."""
        keep = [c in raw for c in columns]
        values = ", ".join("(" + ", ".join(v if k else _literal(v) for v, k in zip(row, keep)) + ")" for row in rows)
        self.materialise(name, f"SELECT * FROM (VALUES {values}) AS t({', '.join(columns)})")

    def materialise(self, name: str, sql: str) -> None:
        raise NotImplementedError

    def view(self, name: str, sql: str) -> None:
        """A named query, computed again wherever it is read (for columnar files, cheaper than a copy)."""
        raise NotImplementedError

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _literal(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else str(int(value))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckDBEngine(Engine):
    """Embedded, no server. Memory is capped; beyond the cap DuckDB spills to a temporary folder."""

    name = "duckdb"

    def __init__(self, memory_limit: str = DUCKDB_MEMORY_LIMIT, threads: int | None = None):
        try:
            import duckdb
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise EngineUnavailable('the DuckDB engine needs the duckdb package: pip install "naravard[registers]"') from exc
        self._duckdb = duckdb
        self._tmp = tempfile.TemporaryDirectory(prefix="naravard-duckdb-")
        config = {"memory_limit": memory_limit, "temp_directory": self._tmp.name, "preserve_insertion_order": False}
        if threads:
            config["threads"] = threads
        self.con = duckdb.connect(":memory:", config=config)
        self.con.execute("SET enable_progress_bar = false")

    def version(self) -> str:
        return self._duckdb.__version__

    def register_file(self, name, found, columns):
        path = str(found.path).replace("'", "''")
        if found.format == "parquet":
            source = f"read_parquet('{path}')"
        else:
            delim = found.delimiter.replace("'", "''")
            source = f"read_csv('{path}', header = true, all_varchar = true, delim = '{delim}', quote = '\"')"
        select = ", ".join(f"{_quote(orig)} AS {spec}" for orig, spec in columns.items())
        self.con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT {select} FROM {source}")

    def materialise(self, name, sql):
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def view(self, name, sql):
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def query(self, sql):
        cur = self.con.execute(sql)
        columns = [d[0] for d in cur.description]
        return columns, cur.fetchall()

    def close(self):
        self.con.close()
        self._tmp.cleanup()


def spark_session(app: str = "naravard-registers", small: bool = False):
    """A local Spark session on two cores that listens on 127.0.0.1 only (no UI).

    *small* tunes it for small extracts (tests): one shuffle partition and no
    whole-stage code generation, whose compile time dominates on little data.
    """
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # local mode: listen on loopback only
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EngineUnavailable('the Spark engine needs pyspark and a Java runtime: pip install "naravard[spark]"') from exc
    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
    )
    if small:
        builder = (
            builder.config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.default.parallelism", "1")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        )
    return builder.getOrCreate()


class SparkEngine(Engine):
    """The same SQL on Apache Spark: transpiled from DuckDB's dialect by sqlglot."""

    name = "spark"

    def __init__(self, session=None):
        try:
            import sqlglot
        except ImportError as exc:  # pragma: no cover
            raise EngineUnavailable('the Spark engine needs sqlglot: pip install "naravard[spark]"') from exc
        self._sqlglot = sqlglot
        self._own = session is None
        try:
            self.spark = session or spark_session()
        except EngineUnavailable:
            raise
        except Exception as exc:  # the JVM could not start
            raise EngineUnavailable(f"Spark could not start (is a Java runtime installed?): {exc}") from exc
        self._cached: list = []
        self._views: list[str] = []

    def version(self) -> str:
        return self.spark.version

    def transpile(self, sql: str) -> str:
        return self._sqlglot.transpile(sql, read="duckdb", write="spark")[0]

    def register_file(self, name, found, columns):
        reader = self.spark.read
        if found.format == "parquet":
            frame = reader.parquet(str(found.path))
        else:
            frame = reader.option("header", True).option("sep", found.delimiter).option("encoding", "UTF-8").csv(str(found.path))
        frame.select(*[frame[f"`{orig}`"].alias(spec) for orig, spec in columns.items()]).createOrReplaceTempView(name)
        self._views.append(name)

    def materialise(self, name, sql):
        frame = self.spark.sql(self.transpile(sql)).cache()
        self._cached.append(frame)
        frame.createOrReplaceTempView(name)
        self._views.append(name)

    def view(self, name, sql):
        self.spark.sql(self.transpile(sql)).createOrReplaceTempView(name)
        self._views.append(name)

    def query(self, sql):
        frame = self.spark.sql(self.transpile(sql))
        rows = frame.collect()
        return list(frame.columns), [tuple(r) for r in rows]

    def close(self):
        for frame in self._cached:
            frame.unpersist()
        # the views this engine made, by name (listing the catalogue fails without code generation)
        for name in dict.fromkeys(self._views):
            self.spark.catalog.dropTempView(name)
        if self._own:
            self.spark.stop()


def open_engine(name: str, spark_session=None) -> Engine:
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        return SparkEngine(spark_session)
    raise EngineUnavailable(f"unknown engine {name!r}; use {' or '.join(ENGINES)}")
